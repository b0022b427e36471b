class OperationsError(ValueError):
    """Input the operations actions refuse; the message is shown next to the form (German).

    `field` names the form field the message belongs to, if any.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field

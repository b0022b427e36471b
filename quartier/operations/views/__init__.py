"""Operations pages, one module per concern."""

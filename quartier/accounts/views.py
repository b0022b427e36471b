from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def profile(request):
    """The own account: role, quarters, links to password and two-factor settings."""
    return render(request, "accounts/profile.html")

"""Administration of report categories (two levels, icons, extra fields, Open311 visibility)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.reports import actions
from quartier.reports.category_forms import CategoryForm
from quartier.reports.models import ReportCategory


@require(perms.can_administer)
def category_list(request):
    children = Prefetch("children", queryset=ReportCategory.objects.order_by("order", "name"))
    top = ReportCategory.objects.filter(parent__isnull=True).prefetch_related(children)
    return render(request, "reports/category_list.html", {"categories": top})


@require(perms.can_administer)
def category_edit(request, pk=None):
    category = get_object_or_404(ReportCategory, pk=pk) if pk else ReportCategory()
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_category(actor=request.user, category=form.save())
        except actions.ReportError as exc:
            form.add_error("parent", str(exc))
        else:
            messages.success(request, _("Kategorie „%(name)s“ gespeichert.") % {"name": saved})
            return redirect("report_admin:category_list")
    return render(request, "reports/category_form.html", {"form": form, "category": category})


urlpatterns = [
    path("kategorien/", category_list, name="category_list"),
    path("kategorien/neu/", category_edit, name="category_new"),
    path("kategorien/<int:pk>/", category_edit, name="category_edit"),
]

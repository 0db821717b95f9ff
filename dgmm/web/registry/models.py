"""The agency registry: ministries, provinces and agencies (with their tier and parent department)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    DEPARTMENT = "department", _("Department-level agency")
    PROVINCIAL = "provincial", _("Provincial agency")
    PCIO = "pcio", _("Provincial CIO committee")
    LOCAL = "local", _("Local administrative organisation")


class Bilingual(models.Model):
    """name_th / name_en, shown in the current language with a fallback to the other."""

    name_th = models.CharField(_("name (Thai)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        if (get_language() or "th").startswith("en"):
            return self.name_en or self.name_th
        return self.name_th or self.name_en

    def __str__(self) -> str:
        return self.name


class Ministry(Bilingual):
    code = models.CharField(_("code"), max_length=20, unique=True)
    abbr_th = models.CharField(_("Thai abbreviation"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")
        ordering = ["code"]


class Province(Bilingual):
    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("ISO 3166-2:TH, e.g. TH-24"))
    region = models.CharField(_("region"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]


class Agency(Bilingual):
    """An agency of the registry. ``code`` is its stable id in answers and results files."""

    code = models.CharField(_("agency id"), max_length=60, unique=True)
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices)
    ministry = models.ForeignKey(
        Ministry,
        verbose_name=_("ministry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    agency_type = models.CharField(_("agency type"), max_length=60, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]

    @property
    def department(self) -> Agency:
        """The department-level agency this agency is, or belongs to."""
        return self.parent if self.parent_id and self.parent else self

"""Thai for the admin strings of Django and django-axes that their Thai catalogues lack.

The admin is read in Thai; Django's Thai catalogue misses some of its newer strings (and leaves a
few in English, "sorting", "algorithm") and django-axes ships none. Listing the messages here keeps
them in the project's catalogue (dgmm/web/locale, LOCALE_PATHS), which Django reads before the
apps' own; ``tests/web/test_admin_i18n.py`` checks that each is a message of Django or django-axes
and that no admin page shows English. Nothing imports this module: only makemessages reads it.
"""

# ruff: noqa: E501  (each message is written exactly as Django or django-axes writes it)
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

DJANGO_ADMIN = (
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.", "%(count)s %(name)s were changed successfully.", 1
    ),
    ngettext_lazy("%(counter)s result", "%(counter)s results", 1),
    ngettext_lazy("%(total_count)s selected", "All %(total_count)s selected", 1),
    _("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    _("Add link"),
    _("Added {name} “{object}”."),
    _("Added “%(object)s”."),
    _("Added:"),
    _("Breadcrumbs"),
    _("Change or view list link"),
    _("Changed {fields} for {name} “{object}”."),
    _("Changed “%(object)s” — %(changes)s"),
    _("Changed:"),
    _("Clear all filters"),
    _("Deleted {name} “{object}”."),
    _("Deleted “%(object)s.”"),
    _("Deleted:"),
    _("Empty"),
    _("Error:"),
    _("Filter navigation items"),
    _("Forgotten your login credentials?"),
    _(
        "Forgotten your password? Enter your email address below, and we’ll email instructions for setting a new one."
    ),
    _("Hide counts"),
    _("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    _(
        "If you don’t receive an email, please make sure you’ve entered the address you registered with, and check your spam folder."
    ),
    _("Model name"),
    _("Not empty"),
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", 1),
    _(
        "Please enter your old password, for security’s sake, and then enter your new password twice so we can verify you typed it in correctly."
    ),
    _("Select all objects on this page for an action"),
    _("Select this object for an action - {}"),
    _("Set password"),
    _("Show counts"),
    _("Sidebar"),
    _("Skip to main content"),
    _(
        "Something’s wrong with your database installation. Make sure the appropriate database tables have been created, and make sure the database is readable by the appropriate user."
    ),
    _("Start typing to filter…"),
    _("Thanks for spending some quality time with the web site today."),
    _("The %(name)s “%(obj)s” was deleted successfully."),
    _("The {name} “{obj}” was added successfully."),
    _("The {name} “{obj}” was added successfully. You may add another {name} below."),
    _("The {name} “{obj}” was changed successfully."),
    _("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    _("The {name} “{obj}” was changed successfully. You may edit it again below."),
    _(
        "There’s been an error. It’s been reported to the site administrators via email and should be fixed shortly. Thanks for your patience."
    ),
    _("This object doesn’t have a change history. It probably wasn’t added via this admin site."),
    _("Toggle navigation"),
    _("Toggle theme (current theme: auto)"),
    _("Toggle theme (current theme: dark)"),
    _("Toggle theme (current theme: light)"),
    _("View selected %(model)s"),
    _("We’re sorry, but the requested page could not be found."),
    _(
        "We’ve emailed you instructions for setting your password, if an account exists with the email you entered. You should receive them shortly."
    ),
    _("Yes, I’m sure"),
    _("You don’t have permission to view or edit anything."),
    ngettext_lazy("entry", "entries", 1),
    _("Remove from sorting"),
    _("Sorting priority: %(priority_number)s"),
    _("Toggle sorting"),
    _("After you’ve created a user, you’ll be able to edit more user options."),
)

DJANGO_AUTH = (
    _("%(name)s object with primary key %(key)r does not exist."),
    _("Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."),
    _(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and uppercase A-Z letters, numbers, and @/./+/-/_ characters."
    ),
    _("Enter the same password as before, for verification."),
    _("Password reset sent"),
    _("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
    _("The groups this user belongs to. A user will get all permissions granted to each of their groups."),
    _("The password is too similar to the %(verbose_name)s."),
    _("The two password fields didn’t match."),
    _("This password is entirely numeric."),
    _("This password is too common."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
    _("Your password can’t be a commonly used password."),
    _("Your password can’t be entirely numeric."),
    _("Your password can’t be too similar to your other personal information."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        1,
    ),
    _("block size"),
    _("content type"),
    _("memory cost"),
    _("parallelism"),
    _("time cost"),
    _("variety"),
    _("version"),
    _("algorithm"),
    _("hash"),
    _("salt"),
    _("Password-based authentication"),
    _("Enabled"),
    _("Disabled"),
    _("Reset password"),
    _("Disable password-based authentication"),
    _("staff status"),
    _("Designates whether the user can log into this admin site."),
    _("Raw passwords are not stored, so there is no way to see the user’s password."),
    _(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    _("Content Types"),
    _("Content type %(ct_id)s object %(obj_id)s doesn’t exist"),
)

AXES = (
    _("Access lock out"),
    _("Account locked: too many login attempts. Contact an admin to unlock your account."),
    _("Account locked: too many login attempts. Please try again later."),
    _("Attempt Time"),
    _("Failed Logins"),
    _("Form Data"),
    _("GET Data"),
    _("HTTP Accept"),
    _("IP Address"),
    _("Logout Time"),
    _("Meta Data"),
    _("POST Data"),
    _("Path"),
    _("User Agent"),
    _("Username"),
    _("access attempt"),
    _("access attempts"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
    _("Locked Out"),
    _("Access Attempt"),
    _("Expires At"),
    _("The time when access attempt expires and is no longer valid."),
    _("access attempt expiration"),
    _("access attempt expirations"),
    _("Session key hash (sha256)"),
    _("Clean up expired attempts"),
    _("Not set"),
    _("Attempt Remaining"),
)

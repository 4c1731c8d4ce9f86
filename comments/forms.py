from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from protection.forms import HumanCheckForm

from . import rules, text
from .models import Comment, Reason

USER_NAME_LENGTH = 50
COMMENT_LENGTH = 3000
# Room for accents and emoji built from several code points; the user name
# column holds USER_NAME_LENGTH times this.
CODE_POINTS_PER_CHARACTER = 4


class ReaderTextField(forms.CharField):
    """Text a reader typed: normalised, then measured as a reader counts,
    and in code points, which bound what it costs to store and check."""

    def __init__(self, *, normalize, limit: int, **kwargs):
        self.normalize = normalize
        self.limit = limit
        self.code_point_limit = limit * CODE_POINTS_PER_CHARACTER
        super().__init__(strip=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        # Refuse null characters before normalising would quietly drop them.
        ProhibitNullCharactersValidator()(value)
        # Before any work on text far past any limit, and again after
        # normalising, which can lengthen it.
        self.check_code_points(value)
        value = self.normalize(value)
        self.check_code_points(value)
        return value

    def check_code_points(self, value: str) -> None:
        if len(value) <= self.code_point_limit:
            return
        # Too long to measure whole. Its start says which it is: long text,
        # or characters built from floods of marks.
        start = value[: self.code_point_limit]
        if (characters := text.length(start)) > self.limit:
            raise forms.ValidationError(
                self.error_messages["max_length"],
                code="max_length",
                params={
                    "limit_value": self.limit,
                    "show_value": characters * len(value) // len(start),
                },
            )
        raise forms.ValidationError(
            self.error_messages["too_much_markup"], code="too_much_markup"
        )

    def validate(self, value):
        super().validate(value)
        if text.length(value) > self.limit:
            raise forms.ValidationError(
                self.error_messages["max_length"],
                code="max_length",
                params={"limit_value": self.limit, "show_value": text.length(value)},
            )


class ReplyField(forms.IntegerField):
    widget = forms.HiddenInput


class ConversationFields(forms.Form):
    """What every comment form carries besides the text: which comment, if
    any, it answers. Pass the story, whose published comments it may answer."""

    reply_to = ReplyField(required=False, min_value=1)

    def __init__(self, *args, article: Article | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article

    def clean(self):
        cleaned = super().clean()
        pk = cleaned.get("reply_to")
        cleaned["reply_to"] = None
        if pk and self.article is not None:
            answered = self.article.comments.published().filter(pk=pk).first()
            if answered is None:
                self.add_error(None, self.gone_message)
                # Shown again without it: the text can go up on its own.
                self.data = self.data.copy()
                self.data["reply_to"] = ""
            cleaned["reply_to"] = answered
        return cleaned

    gone_message = _(
        "The comment you are replying to is no longer shown, so your reply was "
        "not posted. Your text is kept in the form: you can post it as a comment "
        "of its own."
    )


class CommentForm(HumanCheckForm, ConversationFields, forms.ModelForm):
    user_name = ReaderTextField(
        label=_("User Name"),
        normalize=text.normalize_user_name,
        limit=USER_NAME_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        error_messages={
            "required": _("Please enter a user name."),
            "max_length": _(
                "Please keep your user name to %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
            "too_much_markup": _(
                "Please shorten your user name: it carries more accents, marks "
                "or symbols than a name can hold."
            ),
        },
    )
    body = ReaderTextField(
        label=_("Your Comment"),
        normalize=text.normalize_comment,
        limit=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "data-limit": COMMENT_LENGTH}),
        error_messages={
            "required": _("Please write your comment."),
            "max_length": _(
                "Please keep your comment to %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
            "too_much_markup": _(
                "Please shorten your comment: it carries more accents, marks "
                "or symbols than a comment can hold."
            ),
        },
    )
    # Following replies by e-mail: asked here, done by the app that registers
    # for extensions.after_posting (following/).
    notify = forms.BooleanField(
        label=_("E-mail me when someone replies"), required=False, label_suffix=""
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        max_length=254,
        help_text=_(
            "Only to tell you of replies: never shown, and forgotten when you "
            "stop following."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    notify_story = forms.BooleanField(
        label=_("Also e-mail me new comments on this story"),
        required=False,
        label_suffix="",
    )
    automated_message = _("Sorry, your comment could not be posted. Please try again.")

    class Meta:
        model = Comment
        fields = ["user_name", "body"]

    def __init__(self, *args, known_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # The name this browser's reader confirmed lately: posting under it
        # needs no captcha (extensions.known_names).
        self.known_name = known_name
        if known_name:
            self.fields["captcha"].required = False

    def clean(self):
        captcha = self.cleaned_data.get("captcha")
        if self.known_name and not (captcha and captcha[1]):
            if rules.name_key(self.cleaned_data.get("user_name", "")) == (
                rules.name_key(self.known_name)
            ):
                self.cleaned_data["captcha"] = None
            else:
                self.add_error(
                    "captcha", self.fields["captcha"].error_messages["required"]
                )
        cleaned = super().clean()
        wants_mail = cleaned.get("notify") and "email" not in self.errors
        if wants_mail and not cleaned.get("email"):
            self.add_error(
                "email",
                _(
                    "Please enter the e-mail address to tell of replies, or untick the box."
                ),
            )
        return cleaned


class StaffCommentForm(ConversationFields, forms.ModelForm):
    """A signed-in staff member's comment: posted under their own name, with
    no captcha."""

    body = CommentForm.base_fields["body"]

    class Meta:
        model = Comment
        fields = ["body"]


class EditForm(forms.ModelForm):
    """A poster's new text for their comment, checked as the first was."""

    body = CommentForm.base_fields["body"]

    class Meta:
        model = Comment
        fields = ["body"]


EXPLANATION_LENGTH = 2000


class ReportForm(forms.Form):
    """A reader's report; a notice of illegal content must say why, and be
    given in good faith, as the EU's Digital Services Act asks."""

    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this comment?"),
        choices=Reason,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please pick a reason.")},
    )
    explanation = ReaderTextField(
        label=_("If it is illegal: which law does it break, and how?"),
        help_text=_(
            "Required for illegal content. A moderator reads every notice; "
            "name the law or right it breaks where you can."
        ),
        required=False,
        normalize=text.normalize_comment,
        limit=EXPLANATION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "data-limit": EXPLANATION_LENGTH}),
        error_messages={
            "max_length": _(
                "Please keep your explanation to %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
            "too_much_markup": _(
                "Please shorten your explanation: it carries more accents, marks "
                "or symbols than it can hold."
            ),
        },
    )
    good_faith = forms.BooleanField(
        label=_("I believe what this notice says is accurate and complete."),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == Reason.ILLEGAL:
            if not cleaned.get("explanation"):
                self.add_error(
                    "explanation",
                    _("Please explain why the comment is illegal."),
                )
            if not cleaned.get("good_faith"):
                self.add_error(
                    "good_faith",
                    _("Please confirm that you give this notice in good faith."),
                )
        return cleaned

"""Every form drawn in Det Fælles Designsystem's markup, by one renderer.

Django draws a field's label, hint and widget from templates; this renderer
reads them from the project's templates (templates/django/forms/), which
give the labels and hints DKFDS's classes, and gives each widget the class
DKFDS styles it by. Check boxes and radio buttons keep the browser's own
look: DKFDS draws those only beside a label in its own order.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

_NATIVE = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple, forms.SelectMultiple, forms.FileInput)


def design_class(widget):
    """DKFDS's class for a widget, or "" for one it leaves to the browser."""
    if isinstance(widget, _NATIVE) or widget.is_hidden:
        return ""
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-input"


class DesignSystemBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        css = design_class(widget or self.field.widget)
        if css:
            attrs["class"] = f"{css} {attrs['class']}" if attrs.get("class") else css
        return attrs


class DesignSystemRenderer(TemplatesSetting):
    bound_field_class = DesignSystemBoundField

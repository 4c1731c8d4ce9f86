from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def captcha_test_mode_is_off_in_production(app_configs, **kwargs):
    if getattr(settings, "CAPTCHA_TEST_MODE", False) and not settings.DEBUG:
        return [
            Error(
                "CAPTCHA_TEST_MODE is on with DEBUG off: any captcha answer "
                "would pass.",
                hint="Remove CAPTCHA_TEST_MODE from the production settings.",
                id="protection.E001",
            )
        ]
    return []

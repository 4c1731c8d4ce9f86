"""Static files as production serves them."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed and compressed files, with the scripts' module
    imports pointed at the hashed names too: a page never runs a new
    module with an old one it imports."""

    support_js_module_import_aggregation = True

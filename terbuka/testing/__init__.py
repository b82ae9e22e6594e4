"""Apps installed only under test (``config.settings.TESTING``): they prove the extension points work from
outside the apps that define them."""

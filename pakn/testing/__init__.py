"""What the tests of every app share: the small province they run in, the SMS outbox, the
captcha solver and the browser helpers. Registered for the whole suite by the root
conftest.py (``pytest_plugins``), so no app's tests import another app's conftest or test
module. Never imported by the product's code."""

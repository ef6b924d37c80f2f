"""The hotline operators' pages (tổng đài viên): a phone call's intake, the status enquiry
read aloud to a caller, and the call log. Included into pakn/backoffice/urls.py."""

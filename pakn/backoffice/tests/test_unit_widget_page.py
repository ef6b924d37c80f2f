"""The unit administration's page for the agency's website: the widget's code, as a frame
and as a script, in both sizes, for a unit the administrator manages only."""

import html as html_module
import re

import pytest

pytestmark = pytest.mark.django_db
PAGE = "/can-bo/quan-tri/nhung/"


def test_the_page_gives_both_snippets_in_both_sizes_for_an_administered_unit(client, org):
    client.force_login(org["unit_admin_a"])
    page = client.get(PAGE + "?don-vi=sxd-ht").content.decode()
    iframe = html_module.unescape(
        re.search(r'data-widget-iframe="sidebar">([^<]*)</textarea>', page)[1]
    )
    assert iframe == (
        '<iframe src="http://testserver/nhung/sxd-ht/?kieu=sidebar" '
        'title="Phòng Hạ tầng kỹ thuật" width="300" height="520" '
        'style="border:0;max-width:100%" loading="lazy"></iframe>'
    )
    script = html_module.unescape(
        re.search(r'data-widget-script="banner">([^<]*)</textarea>', page)[1]
    )
    assert (
        script
        == '<script src="http://testserver/nhung/sxd-ht/nhung.js?kieu=banner" async></script>'
    )
    assert 'src="/nhung/sxd-ht/?kieu=banner"' in page  # the preview
    # The snippet pasted elsewhere works: the frame's address answers.
    assert client.get("/nhung/sxd-ht/?kieu=sidebar").status_code == 200


def test_a_unit_outside_the_administrators_subtree_has_no_snippet(client, org):
    client.force_login(org["unit_admin_a"])
    assert client.get(PAGE + "?don-vi=syt").status_code == 404
    client.force_login(org["handler_a"])  # not a unit administrator
    assert client.get(PAGE).status_code == 404

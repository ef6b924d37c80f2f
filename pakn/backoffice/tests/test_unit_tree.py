"""The unit administration's main page: the unit tree as a tree, a labelled search and an
officers' table that scrolls in its box with the names fixed (375 px phones)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_unit_tree_nests_sub_units_in_expandable_branches(client, org):
    client.force_login(org["unit_admin_a"])
    page = client.get("/can-bo/quan-tri/").content.decode()
    tree = page[page.index('class="unit-tree"') :]
    branch = re.search(
        r'<li class="unit-tree__item" data-unit-code="sxd">\s*<details open>\s*<summary>'
        r'.*?Sở Xây dựng.*?1 đơn vị trực thuộc.*?</summary>\s*<ul class="unit-tree__level" '
        r'role="list">\s*<li class="unit-tree__item" data-unit-code="sxd-ht">',
        tree,
        re.S,
    )
    assert branch, tree[:1500]
    assert "Sở Y tế" not in tree
    assert '<label for="officer-search">' in page  # the search is labelled
    assert 'class="table-wrap table-wrap--first-fixed" tabindex="0" role="region"' in page

"""What kramdown (GFM input, as GitHub Pages sets it) makes of each construct, rendered by os2org.

Expected HTML is os2org's; the ids, text and where links lead are those
Jekyll publishes (tests/handbook/test_jekyll_oracle.py checks them
against a real Jekyll build).
"""

from os2org.markup import gfm_header_id, render


def test_heading_gets_the_gfm_parsers_automatic_id():
    assert render("## Formål med stillingen\n") == '<h2 id="formål-med-stillingen">Formål med stillingen</h2>\n'


def test_automatic_id_keeps_leading_digits():
    assert render("## 1. Drift\n") == '<h2 id="1-drift">1. Drift</h2>\n'


def test_automatic_id_keeps_runs_of_hyphens_where_marks_were():
    assert gfm_header_id("Under_score og - bindestreg – dobbelt") == "under_score-og---bindestreg--dobbelt"


def test_automatic_id_drops_other_numbers_than_digits():
    assert gfm_header_id("Ünïcödé – tegn: ½ og ² og ©") == "ünïcödé--tegn--og--og-"


def test_automatic_id_uses_the_text_of_code_and_links_not_their_marks():
    html = render("## Med `kode` og [link](https://x.org)\n")
    assert html.startswith('<h2 id="med-kode-og-link">')


def test_repeated_heading_gets_a_number():
    assert render("## Mål\n\n## Mål\n\n## Mål\n") == (
        '<h2 id="mål">Mål</h2>\n<h2 id="mål-1">Mål</h2>\n<h2 id="mål-2">Mål</h2>\n'
    )


def test_explicit_heading_id_is_used_and_not_shown():
    assert render("## Kontakt os {#kontakt}\n") == '<h2 id="kontakt">Kontakt os</h2>\n'


def test_explicit_heading_id_does_not_count_as_a_repeat():
    assert render("## Mål {#mål}\n\n## Mål\n") == '<h2 id="mål">Mål</h2>\n<h2 id="mål">Mål</h2>\n'


def test_attribute_line_puts_class_and_id_on_the_heading():
    assert render("## Indhold\n{: .no_toc .text-delta #indhold }\n") == (
        '<h2 class="no_toc text-delta" id="indhold">Indhold</h2>\n'
    )


def test_toc_list_becomes_the_table_of_contents_without_no_toc_headings():
    source = "# Side\n{: .no_toc }\n\n- TOC\n{:toc}\n\n## Et\n\n### Et a\n\n## To\n"
    assert render(source) == (
        '<h1 class="no_toc" id="side">Side</h1>\n'
        '<ul id="markdown-toc">\n'
        '<li><a href="#et" id="markdown-toc-et" rel="noopener noreferrer">Et</a><ul>\n'
        '<li><a href="#et-a" id="markdown-toc-et-a" rel="noopener noreferrer">Et a</a></li>\n'
        "</ul></li>\n"
        '<li><a href="#to" id="markdown-toc-to" rel="noopener noreferrer">To</a></li>\n'
        "</ul>\n"
        '<h2 id="et">Et</h2>\n<h3 id="et-a">Et a</h3>\n<h2 id="to">To</h2>\n'
    )


def test_numbered_toc_list_becomes_a_numbered_table_of_contents():
    html = render("1. TOC\n{:toc}\n\n## Et\n")
    assert html.startswith('<ol id="markdown-toc">\n<li><a href="#et"')


def test_toc_entry_keeps_marks_but_not_links():
    html = render("- TOC\n{:toc}\n\n## Se *her* og [der](https://x.org)\n")
    assert (
        '<a href="#se-her-og-der" id="markdown-toc-se-her-og-der" rel="noopener noreferrer">Se <em>her</em> og der</a>'
        in html
    )


def test_callout_above_a_paragraph_is_its_class():
    assert render("{: .note }\nEn note.\n") == '<p class="note">En note.</p>\n'


def test_button_classes_go_on_the_link():
    assert render("[Gå videre](https://x.org){: .btn .btn-green }\n") == (
        '<p><a href="https://x.org" class="btn btn-green" rel="noopener noreferrer">Gå videre</a></p>\n'
    )


def test_label_span_in_a_heading_is_kept_and_its_text_is_in_the_id():
    assert render('## Nyt <span class="label label-green">ny</span>\n') == (
        '<h2 id="nyt-ny">Nyt <span class="label label-green">ny</span></h2>\n'
    )


def test_task_list_items_become_disabled_checkboxes_in_their_labels():
    assert render("- [ ] Åben\n- [x] Gjort\n") == (
        '<ul class="task-list">\n'
        '<li class="task-list-item"><label><input type="checkbox" class="task-list-item-checkbox" '
        'disabled="disabled">Åben</label></li>\n'
        '<li class="task-list-item"><label><input type="checkbox" class="task-list-item-checkbox" '
        'disabled="disabled" checked="checked">Gjort</label></li>\n'
        "</ul>\n"
    )


def test_raw_input_is_always_a_disabled_checkbox():
    assert render('<input type="text" name="password">\n') == '<input type="checkbox" disabled="disabled">\n'


def test_html_block_keeps_ids_and_aria_attributes():
    assert render('<div id="boks" role="note" aria-label="Om siden" onclick="x()">\nTekst\n</div>\n') == (
        '<div id="boks" role="note" aria-label="Om siden">\nTekst\n</div>\n'
    )


def test_markdown_inside_an_html_block_marked_markdown_1_is_rendered():
    assert render('<section id="kontakt" markdown="1">\n**Skriv** til os.\n</section>\n') == (
        '<section id="kontakt">\n<p><strong>Skriv</strong> til os.</p>\n</section>\n'
    )


def test_typography_is_kramdowns():
    assert render("\"Citat\" og 'enkelt' -- og --- og ... og << >>\n") == (
        "<p>“Citat” og ‘enkelt’ – og — og … og «&nbsp;»</p>\n"
    )


def test_typography_leaves_code_alone():
    assert render("`a -- b`\n") == "<p><code>a -- b</code></p>\n"


def test_footnote_is_numbered_and_listed_at_the_end_as_kramdown_does():
    assert render("Tekst[^a].\n\n[^a]: Noten.\n") == (
        '<p>Tekst<sup id="fnref:a" role="doc-noteref"><a href="#fn:a" class="footnote" rel="noopener noreferrer">'
        "1</a></sup>.</p>\n"
        '<div class="footnotes" role="doc-endnotes">\n<ol>\n'
        '<li id="fn:a" role="doc-endnote"><p>Noten. <a href="#fnref:a" class="reversefootnote" role="doc-backlink" '
        'rel="noopener noreferrer">↩</a></p>\n</li>\n</ol>\n</div>\n'
    )


def test_abbreviation_definition_is_not_shown_and_marks_the_word():
    assert render("Vi bruger CVR.\n\n*[CVR]: Det Centrale Virksomhedsregister\n") == (
        '<p>Vi bruger <abbr title="Det Centrale Virksomhedsregister">CVR</abbr>.</p>\n'
    )


def test_definition_list():
    assert render("Begreb\n: Forklaring.\n") == "<dl>\n<dt>Begreb</dt>\n<dd>Forklaring.</dd>\n</dl>\n"


def test_kramdown_comment_shows_nothing():
    assert render("Før.\n\n{::comment}\nHemmeligt.\n{:/comment}\n\nEfter.\n") == "<p>Før.</p>\n<p>Efter.</p>\n"


def test_page_with_front_matter_only_and_empty_page_render_empty():
    assert (render(""), render("\n")) == ("", "")

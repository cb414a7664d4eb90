from os2org.markup import inline_text, parse, plain_text, render


def test_render_table_with_alignment():
    html = render("| Rolle | Timer |\n|:--|--:|\n| Chef | 37 |\n")
    assert html == (
        "<table>\n<thead>\n<tr>\n"
        '<th style="text-align:left">Rolle</th>\n<th style="text-align:right">Timer</th>\n'
        "</tr>\n</thead>\n<tbody>\n<tr>\n"
        '<td style="text-align:left">Chef</td>\n<td style="text-align:right">37</td>\n'
        "</tr>\n</tbody>\n</table>\n"
    )


def test_render_attribute_line_under_quote_styles_the_quote():
    html = render("> Skriv til sekretariatet.\n{: .warning }\n")
    assert html == '<blockquote class="warning">\n<p>Skriv til sekretariatet.</p>\n</blockquote>\n'


def test_render_attribute_line_under_quote_leaves_no_text():
    html = render("> Skriv til sekretariatet.\n{: .warning }\n\nMere tekst.\n")
    assert "{:" not in html


def test_render_attribute_line_under_two_line_quote_styles_the_quote():
    html = render("> En linje\n> og en til.\n{: .important }\n")
    assert html == '<blockquote class="important">\n<p>En linje\nog en til.</p>\n</blockquote>\n'


def test_render_attribute_line_ending_a_paragraph_styles_the_paragraph():
    assert render("Medlemmerne tæller tre.\n{: .note }\n") == '<p class="note">Medlemmerne tæller tre.</p>\n'


def test_render_attribute_line_above_paragraph_styles_the_paragraph():
    # The form the just-the-docs documentation uses for callouts.
    assert render("{: .note }\nEn note.\n") == '<p class="note">En note.</p>\n'


def test_render_attribute_line_above_quote_styles_the_quote():
    html = render("Før.\n\n{: .important }\n> Vigtigt.\n")
    assert html == '<p>Før.</p>\n<blockquote class="important">\n<p>Vigtigt.</p>\n</blockquote>\n'


def test_render_attribute_line_inside_quote_styles_the_quoted_paragraph():
    html = render("> {: .highlight }\n> Fremhævet.\n")
    assert html == '<blockquote>\n<p class="highlight">Fremhævet.</p>\n</blockquote>\n'


def test_render_attribute_line_between_blank_lines_styles_nothing():
    assert render("Et.\n\n{: .note }\n\nTo.\n") == "<p>Et.</p>\n<p>To.</p>\n"


def test_render_attribute_line_in_middle_of_paragraph_splits_it():
    assert render("Et.\n{: .note }\nTo.\n") == '<p class="note">Et.</p>\n<p>To.</p>\n'


def test_render_attribute_line_under_list_styles_the_list():
    assert render("- a\n- b\n{: .x }\n") == '<ul class="x">\n<li>a</li>\n<li>b</li>\n</ul>\n'


def test_render_attribute_line_with_id_sets_heading_id():
    assert render("## Om os\n{: #om }\n") == '<h2 id="om">Om os</h2>\n'


def test_render_stacked_attribute_lines_join_their_classes():
    assert render("Et.\n{: .a }\n{: .b }\n") == '<p class="a b">Et.</p>\n'


def test_render_attribute_line_in_code_fence_stays_code():
    assert render("```\n{: .x }\n```\n") == "<pre><code>{: .x }\n</code></pre>\n"


def test_render_trailing_double_space_breaks_line():
    assert render("Første linje  \nanden linje\n") == "<p>Første linje<br>\nanden linje</p>\n"


def test_render_heading_gets_anchor_id():
    assert render("## Formål med stillingen\n") == '<h2 id="formål-med-stillingen">Formål med stillingen</h2>\n'


def test_render_mermaid_fence_is_escaped_pre():
    html = render('```mermaid\ngraph TD\n  A["<b>Bestyrelse</b>"] --> B & C\n```\n')
    assert html == (
        '<pre class="mermaid">graph TD\n  A["&lt;b&gt;Bestyrelse&lt;/b&gt;"] --&gt; B &amp; C\n</pre>\n'
    )


def test_render_other_fence_is_code():
    assert render("```python\nx = 1 < 2\n```\n") == '<pre><code class="language-python">x = 1 &lt; 2\n</code></pre>\n'


def test_render_script_block_is_removed():
    assert render("<script>alert(1)</script>\n") == "\n"


def test_render_inline_script_is_removed():
    assert render("a <script>alert(1)</script> b\n") == "<p>a  b</p>\n"


def test_render_img_onerror_is_removed():
    assert render('<img src="x.png" onerror="alert(1)">\n') == '<img src="x.png">\n'


def test_render_javascript_link_is_not_a_link():
    assert render("[x](javascript:alert(1))\n") == "<p>[x](javascript:alert(1))</p>\n"


def test_render_data_image_loses_its_source():
    assert render("![p](data:image/png;base64,AAAA)\n") == '<p><img alt="p"></p>\n'


def test_render_data_link_is_not_a_link():
    assert render("[d](data:text/html;base64,PHNjcmlwdD4=)\n") == "<p>[d](data:text/html;base64,PHNjcmlwdD4=)</p>\n"


def test_render_svg_onload_is_removed():
    assert render("<svg onload=alert(1)><circle/></svg>\n") == "<p></p>\n"


def test_render_mixed_case_javascript_href_is_removed():
    assert render('<a href="JaVaScRiPt:alert(1)">x</a>\n') == '<p><a rel="noopener noreferrer">x</a></p>\n'


def test_render_event_handler_on_link_is_removed():
    html = render('<a href="https://os2.eu" onclick="steal()">ok</a>\n')
    assert html == '<p><a href="https://os2.eu" rel="noopener noreferrer">ok</a></p>\n'


def test_render_iframe_is_removed():
    assert render('<iframe src="https://evil.example"></iframe>\n') == "\n"


def test_render_style_attribute_is_removed():
    assert render('<p style="color:red">s</p>\n') == "<p>s</p>\n"


def test_render_link_gets_safe_rel():
    assert render("[OS2](https://os2.eu)\n") == '<p><a href="https://os2.eu" rel="noopener noreferrer">OS2</a></p>\n'


def test_plain_text_strips_marks():
    text = plain_text("# Titel\n\nEt **fedt** ord og [et link](https://x) og `kode`.\n\n- punkt *kursiv*\n")
    assert text == "Titel Et fedt ord og et link og kode. punkt kursiv"


def test_plain_text_leaves_out_attribute_lines():
    assert plain_text("{: .note }\nEn note.\n") == "En note."


def test_plain_text_unescapes_entities():
    assert plain_text("Rød & grøn < blå\n") == "Rød & grøn < blå"


def test_inline_text_strips_marks_and_breaks():
    tokens = parse("Et **fedt** ord,  \nny linje og [link](https://x) ![alt](a.png) `k`\n")
    assert inline_text(tokens[1]) == "Et fedt ord, ny linje og link alt k"


def test_parse_keeps_source_lines():
    tokens = parse("# A\n\nTekst\n")
    assert [(t.type, t.map) for t in tokens if t.map] == [
        ("heading_open", [0, 1]),
        ("inline", [0, 1]),
        ("paragraph_open", [2, 3]),
        ("inline", [2, 3]),
    ]


def test_render_closes_a_gap_in_heading_levels():
    html = render("## Ansvar\n\n##### 1. Drift\n\n##### 2. Udvikling\n\n## Vilkår\n")
    assert html == (
        '<h2 id="ansvar">Ansvar</h2>\n<h3 id="1-drift">1. Drift</h3>\n'
        '<h3 id="2-udvikling">2. Udvikling</h3>\n<h2 id="vilkår">Vilkår</h2>\n'
    )


def test_parse_keeps_heading_levels_as_written():
    tags = [token.tag for token in parse("## Ansvar\n\n##### 1. Drift\n") if token.type == "heading_open"]
    assert tags == ["h2", "h5"]

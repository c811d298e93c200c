package prose

import (
	"bytes"
	"html"

	xhtml "golang.org/x/net/html"
)

// htmlBlocks reads src as an HTML page and returns its prose blocks: the text of paragraphs,
// headings, list items, table cells and the like. Scripts, styles, the head, navigation,
// forms and code are left out; inline markup (links, emphasis) is not prose but does not end
// a block. A page with a <main> element, or else with one <article>, is read inside it only:
// the menus, teasers and footers of a news site around the story are no part of it.
// Character references ("&rsquo;", "&#8220;") are read as the characters they stand for,
// each mapped to the whole reference, so that a mark never cuts one in two.
func htmlBlocks(src []byte) []Block {
	var (
		blocks []Block
		bb     blockBuilder
		skip   []string // the elements being Skipped, innermost last
		pos    int      // source offset of the current token
		focus  = focusElement(src)
		inside = focus == "" // within the focus element, or no focus
		depth  int           // nesting of the focus element
	)
	flush := func() {
		if b, ok := bb.block(); ok {
			blocks = append(blocks, b)
		}
		bb.text, bb.pieces = bb.text[:0], bb.pieces[:0]
	}
	z := xhtml.NewTokenizer(bytes.NewReader(src))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break // io.EOF: the tokenizer reads from memory and fails on nothing else
		}
		start := pos
		raw := z.Raw()
		pos += len(raw)
		switch tt {
		case xhtml.TextToken:
			if len(skip) == 0 && inside {
				addHTMLText(&bb, start, raw)
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == focus && tt != xhtml.SelfClosingTagToken {
				if tt == xhtml.StartTagToken {
					depth++
				} else if depth > 0 {
					depth--
				}
				if inside != (depth > 0) {
					flush()
					inside = depth > 0
				}
				continue
			}
			if !inside {
				continue
			}
			if len(skip) > 0 {
				// Only the Skipped element's own tags count, nested ones included.
				switch {
				case tag != skip[len(skip)-1]:
				case tt == xhtml.StartTagToken:
					skip = append(skip, tag)
				case tt == xhtml.EndTagToken:
					skip = skip[:len(skip)-1]
				}
				continue
			}
			switch {
			case skippedElements[tag]:
				if tt == xhtml.StartTagToken {
					flush()
					skip = append(skip, tag)
				}
			case blockElements[tag]:
				flush()
			case tag == "br": // <wbr>, a place a long word may break, is nothing
				if tt != xhtml.EndTagToken {
					bb.addWhole(start, pos-start, []byte{' '})
				}
			case tag == "img" || tag == "input" || tag == "embed":
				bb.addWhole(start, pos-start, []byte{Skipped})
			case tag == "q":
				// A browser shows quotation marks around <q>; the text gets them too, each
				// standing for its tag, so that the quotation is one to slant.
				switch tt {
				case xhtml.StartTagToken:
					bb.addWhole(start, pos-start, []byte("“"))
				case xhtml.EndTagToken:
					bb.addWhole(start, pos-start, []byte("”"))
				}
			}
		}
	}
	flush()
	return blocks
}

// focusElement returns "main" if the page has a <main> element, else "article" if it has
// exactly one <article>, else "".
func focusElement(src []byte) string {
	mains, articles := 0, 0
	z := xhtml.NewTokenizer(bytes.NewReader(src))
	for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
		if tt != xhtml.StartTagToken {
			continue
		}
		switch name, _ := z.TagName(); string(name) {
		case "main":
			mains++
		case "article":
			articles++
		}
	}
	switch {
	case mains > 0:
		return "main"
	case articles == 1:
		return "article"
	}
	return ""
}

// addHTMLText adds the text token raw, which starts at source offset start, decoding its
// character references.
func addHTMLText(bb *blockBuilder, start int, raw []byte) {
	from := 0
	for i := 0; i < len(raw); i++ {
		if raw[i] != '&' {
			continue
		}
		n := charRefLen(raw[i:])
		if n == 0 {
			continue
		}
		ref := string(raw[i : i+n])
		text := html.UnescapeString(ref)
		if text == ref {
			continue // not a reference HTML knows: the ampersand is text
		}
		bb.add(start+from, raw[from:i])
		bb.addWhole(start+i, n, []byte(text))
		from = i + n
		i += n - 1
	}
	bb.add(start+from, raw[from:])
}

// charRefLen returns the length of the character reference at the start of b ("&amp;",
// "&#8217;", "&#x2019;"), or 0. Only references closed by a semicolon are read.
func charRefLen(b []byte) int {
	i := 1
	if i < len(b) && b[i] == '#' {
		i++
		hex := i < len(b) && (b[i] == 'x' || b[i] == 'X')
		if hex {
			i++
		}
		digits := i
		for i < len(b) && i-digits < 8 && (isDigitByte(b[i]) || hex && isHexLetter(b[i])) {
			i++
		}
		if i == digits {
			return 0
		}
	} else {
		letters := i
		for i < len(b) && i-letters < 32 && (isASCIILetter(b[i]) || isDigitByte(b[i])) {
			i++
		}
		if i == letters {
			return 0
		}
	}
	if i < len(b) && b[i] == ';' {
		return i + 1
	}
	return 0
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }
func isHexLetter(c byte) bool { return 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// blockElements start or end a block of prose.
var blockElements = elementSet([]string{
	"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
	"dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3",
	"h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "ol",
	"p", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})

// skippedElements hold no prose: their content is left out.
var skippedElements = elementSet([]string{
	"head", "title", "script", "style", "noscript", "template", "svg", "math", "iframe",
	"canvas", "select", "textarea", "button", "nav", "form", "code", "pre", "kbd", "samp",
})

// elementSet returns the element names as a set.
func elementSet(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

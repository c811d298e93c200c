package metadata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// jsonldArticle is what one JSON-LD article node says.
type jsonldArticle struct {
	rank                int // 0 for a news article type, 1 for another article type
	headline, publisher string
	authors             []string
	published, modified string
	url, description    string
	at                  int // source offset of the block's text
}

// articleTypes are the schema.org types read as the article, with their rank: the
// NewsArticle family first, then other articles and posts.
var articleTypes = map[string]int{
	"NewsArticle": 0, "ReportageNewsArticle": 0, "AnalysisNewsArticle": 0,
	"BackgroundNewsArticle": 0, "OpinionNewsArticle": 0, "ReviewNewsArticle": 0,
	"AskPublicNewsArticle": 0,
	"Article":              1, "BlogPosting": 1, "LiveBlogPosting": 1, "Report": 1, "SatiricalArticle": 1,
	"SocialMediaPosting": 1, "TechArticle": 1, "ScholarlyArticle": 1,
}

// readJSONLD decodes one JSON-LD block and returns its article nodes in document order.
func readJSONLD(text []byte) ([]jsonldArticle, error) {
	text = bytes.TrimSpace(text)
	// Some pages wrap the block in an HTML comment or CDATA, from the days of old browsers.
	for _, w := range [][2]string{{"<!--", "-->"}, {"//<![CDATA[", "//]]>"}, {"<![CDATA[", "]]>"}} {
		if bytes.HasPrefix(text, []byte(w[0])) && bytes.HasSuffix(text, []byte(w[1])) {
			text = bytes.TrimSpace(text[len(w[0]) : len(text)-len(w[1])])
		}
	}
	var v any
	d := json.NewDecoder(bytes.NewReader(text))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	w := jsonldWalk{ids: map[string]map[string]any{}}
	w.walk(v, 0)
	if w.nodes > maxJSONLDNodes {
		return nil, errors.New("more than 10000 nodes")
	}
	var out []jsonldArticle
	for _, n := range w.articles {
		a := jsonldArticle{
			rank:        n.rank,
			headline:    w.text(n.obj["headline"]),
			publisher:   w.name(n.obj["publisher"]),
			published:   w.text(n.obj["datePublished"]),
			modified:    w.text(n.obj["dateModified"]),
			description: w.text(n.obj["description"]),
			url:         w.url(n.obj["url"]),
		}
		if a.headline == "" {
			a.headline = w.text(n.obj["name"])
		}
		if a.url == "" {
			a.url = w.url(n.obj["mainEntityOfPage"])
		}
		if a.publisher == "" {
			a.publisher = w.name(n.obj["sourceOrganization"])
		}
		a.authors = w.names(n.obj["author"])
		out = append(out, a)
	}
	return out, nil
}

// bestArticle returns the first article node of the best rank.
func bestArticle(as []jsonldArticle) (jsonldArticle, bool) {
	best := -1
	for i, a := range as {
		if best < 0 || a.rank < as[best].rank {
			best = i
		}
	}
	if best < 0 {
		return jsonldArticle{}, false
	}
	return as[best], true
}

type jsonldNode struct {
	obj  map[string]any
	rank int
}

// jsonldWalk finds the article nodes of a JSON-LD document and the nodes named by @id.
type jsonldWalk struct {
	articles []jsonldNode
	ids      map[string]map[string]any
	nodes    int
}

func (w *jsonldWalk) walk(v any, depth int) {
	if w.nodes++; w.nodes > maxJSONLDNodes || depth > maxJSONLDDepth {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			w.walk(e, depth+1)
		}
	case map[string]any:
		if id, ok := v["@id"].(string); ok && id != "" {
			if _, seen := w.ids[id]; !seen || len(v) > 1 {
				w.ids[id] = v // the full node, not a bare reference to it
			}
		}
		if rank, ok := articleRank(v["@type"]); ok {
			w.articles = append(w.articles, jsonldNode{v, rank})
		}
		for _, k := range sortedKeys(v) {
			w.walk(v[k], depth+1)
		}
	}
}

// sortedKeys returns the keys of m sorted, so that the
// walk, and the article found first, do not depend on Go's map order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys) // "@graph" sorts before any name
	return keys
}

// articleRank returns the best rank among the article types named by t (a string or a list
// of strings; "schema:NewsArticle" and "https://schema.org/NewsArticle" count).
func articleRank(t any) (int, bool) {
	best, ok := 99, false
	check := func(s string) {
		if i := strings.LastIndexAny(s, "/:#"); i >= 0 {
			s = s[i+1:]
		}
		if r, found := articleTypes[s]; found && r < best {
			best, ok = r, true
		}
	}
	switch t := t.(type) {
	case string:
		check(t)
	case []any:
		for _, e := range t {
			if s, isStr := e.(string); isStr {
				check(s)
			}
		}
	}
	return best, ok
}

// deref returns the node an {"@id": ...} reference stands for, or v.
func (w *jsonldWalk) deref(v any) any {
	if m, ok := v.(map[string]any); ok {
		if id, ok := m["@id"].(string); ok && len(m) == 1 {
			if full, ok := w.ids[id]; ok {
				return full
			}
		}
	}
	return v
}

// text returns v as a string: a string, the first string of a list, or a {"@value": ...}.
func (w *jsonldWalk) text(v any) string {
	switch v := w.deref(v).(type) {
	case string:
		return clean(v)
	case json.Number:
		return v.String()
	case []any:
		for _, e := range v {
			if s := w.text(e); s != "" {
				return s
			}
		}
	case map[string]any:
		if s, ok := v["@value"].(string); ok {
			return clean(s)
		}
	}
	return ""
}

// name returns the name of a person or organisation given as a string, a node with a name
// (or a reference to one), or a list of them (the first).
func (w *jsonldWalk) name(v any) string {
	if ns := w.names(v); len(ns) > 0 {
		return ns[0]
	}
	return ""
}

// names returns the names of the people or organisations v gives, without duplicates.
func (w *jsonldWalk) names(v any) []string {
	var out []string
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 2 || len(out) >= maxAuthors {
			return
		}
		switch v := w.deref(v).(type) {
		case string:
			if s := clean(v); s != "" && !looksLikeURL(s) && !slices.Contains(out, s) {
				out = append(out, s)
			}
		case []any:
			for _, e := range v {
				add(e, depth+1)
			}
		case map[string]any:
			if s := w.text(v["name"]); s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	add(v, 0)
	return out
}

// url returns a URL given as a string or as a node's @id or url.
func (w *jsonldWalk) url(v any) string {
	switch v := v.(type) {
	case string:
		return clean(v)
	case map[string]any:
		if s, ok := v["@id"].(string); ok && looksLikeURL(s) {
			return clean(s)
		}
		if s, ok := v["url"].(string); ok {
			return clean(s)
		}
	}
	return ""
}

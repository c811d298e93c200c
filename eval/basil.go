package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/slant-news/slant/annotate/prose"
)

// BASILArticle is one article of BASIL with its gold bias spans.
type BASILArticle struct {
	Name string // as written in gold.jsonl ("fox_…_1"); the file may differ in case
	ArticleText
	Spans []BASILSpan
}

// BASILSpan is one gold bias span.
type BASILSpan struct {
	Span       prose.Span // bytes of the article
	Start, End int        // code points, as written in gold.jsonl
	Lexical    bool       // bias "lex" (a word choice); false for "inf" (informational bias)
	Quoted     bool       // quote "yes": the span is inside a quotation
	Speaker    string     // who is quoted, when Quoted (may be empty)
	Polarity   string     // "pos" or "neg", as written
	Text       string
}

// basilGoldLine is one line of gold.jsonl. Pointers tell a missing field from a zero one.
type basilGoldLine struct {
	Name  *string `json:"name"`
	Spans *[]struct {
		Start    *int    `json:"start"`
		End      *int    `json:"end"`
		Bias     *string `json:"bias"`
		Quote    *string `json:"quote"`
		Speaker  string  `json:"speaker"`
		Polarity string  `json:"polarity"`
		Txt      *string `json:"txt"`
	} `json:"spans"`
}

// LoadBASIL reads a BASIL directory: DIR/articles/NAME.txt and DIR/gold.jsonl, one JSON
// object per line ({"name": NAME, "spans": [...]}) with each span's start and end in code
// points of the article, end exclusive. Names match file names without regard to case. Any
// malformed line, a span outside its article or whose txt differs from the article there, a
// gold line without an article file or an article file without a gold line is an error
// naming file:line. Articles come back in name order.
func LoadBASIL(dir string) ([]*BASILArticle, error) {
	txts, err := filepath.Glob(filepath.Join(dir, "articles", "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(txts) == 0 {
		return nil, fmt.Errorf("%s: no articles (want %s)", dir, filepath.Join(dir, "articles", "NAME.txt"))
	}
	byName := map[string]string{} // lowercased name -> path
	for _, path := range txts {
		key := strings.ToLower(strings.TrimSuffix(filepath.Base(path), ".txt"))
		if other, dup := byName[key]; dup {
			return nil, fmt.Errorf("%s: same name as %s but for case", path, other)
		}
		byName[key] = path
	}
	goldPath := filepath.Join(dir, "gold.jsonl")
	data, err := os.ReadFile(goldPath)
	if err != nil {
		return nil, fmt.Errorf("basil: %w", err)
	}
	var arts []*BASILArticle
	goldLine := map[string]int{} // lowercased name -> line in gold.jsonl
	for ln, line := range jsonLines(data) {
		fail := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", goldPath, ln, fmt.Sprintf(format, args...))
		}
		var g basilGoldLine
		if err := json.Unmarshal(line, &g); err != nil {
			return nil, fail("%s", jsonError(err))
		}
		if g.Name == nil || *g.Name == "" {
			return nil, fail(`no "name"`)
		}
		if g.Spans == nil {
			return nil, fail(`article %q: no "spans"`, *g.Name)
		}
		key := strings.ToLower(*g.Name)
		if prev, dup := goldLine[key]; dup {
			return nil, fail("article %q is also on line %d", *g.Name, prev)
		}
		goldLine[key] = ln
		path, ok := byName[key]
		if !ok {
			return nil, fail("article %q: no file %s", *g.Name, filepath.Join(dir, "articles", *g.Name+".txt"))
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		a := &BASILArticle{Name: *g.Name, ArticleText: ArticleText{Path: path, Source: src}}
		o := a.Offsets()
		for i, s := range *g.Spans {
			failSpan := func(format string, args ...any) error {
				return fail("article %q, span %d: %s", *g.Name, i+1, fmt.Sprintf(format, args...))
			}
			switch {
			case s.Start == nil || s.End == nil:
				return nil, failSpan(`want integer "start" and "end"`)
			case s.Bias == nil || (*s.Bias != "lex" && *s.Bias != "inf"):
				return nil, failSpan(`want "bias" "lex" or "inf", found %s`, quoted(s.Bias))
			case s.Quote == nil || (*s.Quote != "yes" && *s.Quote != "no"):
				return nil, failSpan(`want "quote" "yes" or "no", found %s`, quoted(s.Quote))
			case *s.Start < 0 || *s.End <= *s.Start:
				return nil, failSpan("span %d-%d: want 0 <= start < end", *s.Start, *s.End)
			}
			span, ok := o.Span(*s.Start, *s.End)
			if !ok {
				return nil, failSpan("span %d-%d is outside the article (%d characters)", *s.Start, *s.End, o.Runes())
			}
			text := string(src[span.Start:span.End])
			if s.Txt != nil && *s.Txt != text {
				return nil, failSpan("span %d-%d reads %q in the article, not %q", *s.Start, *s.End, clip(text, 60), clip(*s.Txt, 60))
			}
			a.Spans = append(a.Spans, BASILSpan{
				Span: span, Start: *s.Start, End: *s.End,
				Lexical: *s.Bias == "lex", Quoted: *s.Quote == "yes",
				Speaker: s.Speaker, Polarity: s.Polarity, Text: text,
			})
		}
		sort.SliceStable(a.Spans, func(i, j int) bool { return a.Spans[i].Span.Start < a.Spans[j].Span.Start })
		arts = append(arts, a)
	}
	for _, path := range txts {
		if _, ok := goldLine[strings.ToLower(strings.TrimSuffix(filepath.Base(path), ".txt"))]; !ok {
			return nil, fmt.Errorf("%s: no line for it in %s", path, goldPath)
		}
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].Name < arts[j].Name })
	return arts, nil
}

// jsonLines yields the non-blank lines of a JSON Lines file with their 1-based numbers.
func jsonLines(data []byte) func(yield func(int, []byte) bool) {
	return func(yield func(int, []byte) bool) {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, len(data)+1)
		for ln := 1; sc.Scan(); ln++ {
			line := bytes.TrimSpace(sc.Bytes())
			if ln == 1 {
				line = bytes.TrimPrefix(line, []byte("\ufeff"))
			}
			if len(line) == 0 {
				continue
			}
			if !yield(ln, line) {
				return
			}
		}
	}
}

// jsonError says what is wrong with a line that does not decode, in the file's terms.
func jsonError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%q: want %s, found %s", te.Field, jsonType(te.Type.Kind()), te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("invalid JSON at byte %d: %v", se.Offset, se)
	}
	return "invalid JSON: " + err.Error()
}

func jsonType(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int:
		return "an integer"
	case reflect.Slice:
		return "a list"
	}
	return "an object"
}

func quoted(s *string) string {
	if s == nil {
		return "nothing"
	}
	return fmt.Sprintf("%q", *s)
}

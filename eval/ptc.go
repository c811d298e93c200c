package eval

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/slant-news/slant/annotate/prose"
)

// PTCTechniques lists the 14 technique labels of the PTC as SemEval-2020 Task 11 used them.
var PTCTechniques = []string{
	"Appeal_to_Authority", "Appeal_to_fear-prejudice", "Bandwagon,Reductio_ad_hitlerum",
	"Black-and-White_Fallacy", "Causal_Oversimplification", "Doubt", "Exaggeration,Minimisation",
	"Flag-Waving", "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Slogans",
	"Thought-terminating_Cliches", "Whataboutism,Straw_Men,Red_Herring",
}

// PTCArticle is one article of the Propaganda Techniques Corpus with its gold spans. Its
// Source is the file as read: a byte-order mark, if any, is kept (it is code point 0).
type PTCArticle struct {
	ID string // the number in articleID.txt
	ArticleText
	Labels []PTCLabel
}

// ArticleText is the text of a corpus article.
type ArticleText struct {
	Path   string // the text file
	Source []byte

	offsets *Offsets
}

// Offsets returns the article's byte/code-point index, made on first use.
func (a *ArticleText) Offsets() *Offsets {
	if a.offsets == nil {
		a.offsets = NewOffsets(a.Source)
	}
	return a.offsets
}

// PTCLabel is one gold span.
type PTCLabel struct {
	Technique  string
	Span       prose.Span // bytes of the article
	Start, End int        // code points, as written in the labels file
	Line       int        // line in the labels file
}

// LoadPTC reads a PTC directory: DIR/articles/articleID.txt and DIR/labels/articleID.labels,
// one labels file per article. The labels files are tab-separated lines `ID TECHNIQUE START
// END` in code points of the article, END exclusive. Any malformed line, a label outside its
// article, an article without a labels file or a labels file without an article is an error
// naming file:line. Articles come back in order of ID.
func LoadPTC(dir string) ([]*PTCArticle, error) {
	txts, err := filepath.Glob(filepath.Join(dir, "articles", "article*.txt"))
	if err != nil {
		return nil, err
	}
	if len(txts) == 0 {
		return nil, fmt.Errorf("%s: no articles (want %s)", dir, filepath.Join(dir, "articles", "articleID.txt"))
	}
	labelFiles, err := filepath.Glob(filepath.Join(dir, "labels", "article*.labels"))
	if err != nil {
		return nil, err
	}
	labelsByID := map[string]string{}
	for _, lf := range labelFiles {
		labelsByID[ptcID(lf, ".labels")] = lf
	}
	var arts []*PTCArticle
	for _, path := range txts {
		id := ptcID(path, ".txt")
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		a := &PTCArticle{ID: id, ArticleText: ArticleText{Path: path, Source: src}}
		lf, ok := labelsByID[id]
		if !ok {
			return nil, fmt.Errorf("%s: no labels file %s", path, filepath.Join(dir, "labels", "article"+id+".labels"))
		}
		delete(labelsByID, id)
		data, err := os.ReadFile(lf)
		if err != nil {
			return nil, err
		}
		if a.Labels, err = parsePTCLabels(lf, data, id, a.Offsets()); err != nil {
			return nil, err
		}
		arts = append(arts, a)
	}
	if left := slices.Sorted(maps.Keys(labelsByID)); len(left) > 0 {
		id := left[0]
		return nil, fmt.Errorf("%s: no article file %s", labelsByID[id], filepath.Join(dir, "articles", "article"+id+".txt"))
	}
	sort.Slice(arts, func(i, j int) bool { return idLess(arts[i].ID, arts[j].ID) })
	return arts, nil
}

// ptcID returns the ID of articleID.txt or articleID.labels.
func ptcID(path, ext string) string {
	return strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "article"), ext)
}

// idLess orders numeric IDs by number, others by string.
func idLess(a, b string) bool {
	na, errA := strconv.Atoi(a)
	nb, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		return na < nb
	}
	return a < b
}

func parsePTCLabels(path string, data []byte, id string, o *Offsets) ([]PTCLabel, error) {
	var labels []PTCLabel
	for i, line := range bytes.Split(data, []byte("\n")) {
		ln := i + 1
		line = bytes.TrimRight(line, "\r")
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", path, ln, fmt.Sprintf(format, args...))
		}
		f := strings.Split(string(line), "\t")
		if len(f) != 4 {
			return nil, fail("want 4 tab-separated fields (ID, TECHNIQUE, START, END), found %d", len(f))
		}
		if f[0] != id {
			return nil, fail("article ID %q in the labels of article %s", f[0], id)
		}
		start, err1 := strconv.Atoi(f[2])
		end, err2 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil {
			return nil, fail("START and END must be integers, found %q and %q", f[2], f[3])
		}
		if start < 0 || end <= start {
			return nil, fail("span %d-%d: want 0 <= START < END", start, end)
		}
		span, ok := o.Span(start, end)
		if !ok {
			return nil, fail("span %d-%d is outside the article (%d characters)", start, end, o.Runes())
		}
		if f[1] == "" {
			return nil, fail("empty technique")
		}
		labels = append(labels, PTCLabel{Technique: f[1], Span: span, Start: start, End: end, Line: ln})
	}
	return labels, nil
}

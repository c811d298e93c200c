package annotate

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/internal/newscorpus"
	"github.com/slant-news/slant/rubrics"
)

// sharedCorpusDir is the real news texts beside the repository (see seed_test.go).
const sharedCorpusDir = "../../shared/corpus"

// benchArticles returns real news prose to measure with: the shared corpus's articles when
// it is beside the repository, otherwise the project's own test texts repeated to 1 MB. Its
// name says which, so that figures are compared like with like.
func benchArticles(b *testing.B) (string, [][]byte) {
	b.Helper()
	docs, err := newscorpus.Articles(sharedCorpusDir)
	if err != nil {
		b.Fatal(err)
	}
	if len(docs) > 0 {
		return "corpus", docs
	}
	read := func(files []string) {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, data)
		}
	}
	files, err := filepath.Glob("../testdata/annotate/*.txt")
	if err != nil {
		b.Fatal(err)
	}
	if len(files) == 0 {
		// Repeating nothing to 1 MB would never end (a test binary run from another directory).
		b.Fatal("no benchmark texts: neither " + sharedCorpusDir + " nor ../testdata/annotate/*.txt is here")
	}
	for size := 0; size < 1<<20; {
		read(files)
		size = 0
		for _, d := range docs {
			size += len(d)
		}
	}
	return "testdata", docs
}

// benchText returns the benchmark articles as one text, separated by blank lines.
func benchText(b *testing.B) (string, []byte) {
	name, docs := benchArticles(b)
	return name, bytes.Join(docs, []byte("\n\n"))
}

// benchDocs returns the benchmark articles, one per document.
func benchDocs(b *testing.B) [][]byte {
	_, docs := benchArticles(b)
	return docs
}

// benchBlocks parses the benchmark text into blocks.
func benchBlocks(b *testing.B) (string, *prose.Document) {
	b.Helper()
	name, src := benchText(b)
	doc, err := prose.Parse("bench.txt", src, prose.FormatText)
	if err != nil {
		b.Fatal(err)
	}
	return name, doc
}

func defaultAnnotator(b testing.TB) *Annotator {
	b.Helper()
	r, err := rubrics.Default()
	if err != nil {
		b.Fatal(err)
	}
	a, err := New(r)
	if err != nil {
		b.Fatal(err)
	}
	return a
}

// manyTerms returns n terms made of the benchmark text's words (every distinct word, then
// pairs of words, then made-up words), as a rubric would list them.
func manyTerms(doc *prose.Document, n int) []string {
	seen := map[string]bool{}
	var wordList, terms []string
	var toks words.Tokens
	for i := range doc.Blocks {
		toks.Tokenize(doc.Blocks[i].Text)
		for k := range toks.List {
			w := string(toks.Key(k))
			if !seen[w] {
				seen[w] = true
				wordList = append(wordList, w)
			}
		}
	}
	// Every other word, so that about half the words of the text are terms.
	for i := 0; i < len(wordList) && len(terms) < n*9/10; i += 2 {
		terms = append(terms, wordList[i])
	}
	for i := 1; i+2 < len(wordList) && len(terms) < n; i += 4 {
		terms = append(terms, wordList[i]+" "+wordList[i+2])
	}
	for i := 0; len(terms) < n; i++ {
		terms = append(terms, fmt.Sprintf("zz%dq", i))
	}
	return terms
}

// benchTermIndex matches the term index over every block, tokenizing as Annotate does.
func benchTermIndex(b *testing.B, ix *termIndex, doc *prose.Document, size int) {
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var toks words.Tokens
	matches := 0
	for b.Loop() {
		matches = 0
		for i := range doc.Blocks {
			toks.Tokenize(doc.Blocks[i].Text)
			ix.match(&toks, func(termMatch) { matches++ })
		}
	}
	b.ReportMetric(float64(matches), "matches/op")
}

func blocksSize(doc *prose.Document) int {
	n := 0
	for i := range doc.Blocks {
		n += len(doc.Blocks[i].Text)
	}
	return n
}

// BenchmarkTokenize splits the blocks of the text into words.
func BenchmarkTokenize(b *testing.B) {
	_, doc := benchBlocks(b)
	b.SetBytes(int64(blocksSize(doc)))
	b.ReportAllocs()
	var toks words.Tokens
	for b.Loop() {
		for i := range doc.Blocks {
			toks.Tokenize(doc.Blocks[i].Text)
		}
	}
}

// BenchmarkTermsDefault matches the default rubric's terms (every terms rule at once, as
// Annotate does), tokenizing included.
func BenchmarkTermsDefault(b *testing.B) {
	_, doc := benchBlocks(b)
	a := defaultAnnotator(b)
	b.ReportMetric(float64(a.terms.size), "terms")
	benchTermIndex(b, &a.terms, doc, blocksSize(doc))
}

// BenchmarkTerms10k matches 10,000 terms (9,000 words of the text and 1,000 pairs), about
// half the words of the text, tokenizing included.
func BenchmarkTerms10k(b *testing.B) {
	_, doc := benchBlocks(b)
	var ix termIndex
	for i, t := range manyTerms(doc, 10000) {
		ix.add(words.FoldWords(t), termHit{owner: i % 7, term: t})
	}
	benchTermIndex(b, &ix, doc, blocksSize(doc))
}

// BenchmarkPatternRules runs the default rubric's pattern rules over every block.
func BenchmarkPatternRules(b *testing.B) {
	_, doc := benchBlocks(b)
	a := defaultAnnotator(b)
	var ms []patternMatcher
	for _, cr := range a.rules {
		if m, ok := cr.matcher.(patternMatcher); ok {
			ms = append(ms, m)
		}
	}
	b.SetBytes(int64(blocksSize(doc)))
	b.ReportAllocs()
	c := &blockContext{doc: doc}
	found := 0
	for b.Loop() {
		found = 0
		for i := range doc.Blocks {
			c.block = &doc.Blocks[i]
			for _, m := range ms {
				m.match(c, func(int, int, string) { found++ })
			}
		}
	}
	b.ReportMetric(float64(found), "matches/op")
}

// BenchmarkParseText reads the text into blocks, sentences and quotations.
func BenchmarkParseText(b *testing.B) {
	_, src := benchText(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := prose.Parse("bench.txt", src, prose.FormatText); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseHTML reads the same text made an HTML page (each paragraph a <p>, its
// quotation marks character references, a navigation bar and a script around it).
func BenchmarkParseHTML(b *testing.B) {
	_, text := benchText(b)
	var page bytes.Buffer
	page.WriteString("<html><head><script>var x = 1;</script></head><body><nav><a href=\"/\">Home</a></nav><main>\n")
	for _, para := range bytes.Split(text, []byte("\n\n")) {
		para = bytes.ReplaceAll(para, []byte("&"), []byte("&amp;"))
		para = bytes.ReplaceAll(para, []byte("<"), []byte("&lt;"))
		para = bytes.ReplaceAll(para, []byte("\""), []byte("&quot;"))
		page.WriteString("<p>")
		page.Write(para)
		page.WriteString("</p>\n")
	}
	page.WriteString("</main></body></html>\n")
	src := page.Bytes()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := prose.Parse("bench.html", src, prose.FormatHTML); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnnotateArticles parses and annotates every article of the text as a document
// of its own, with the default rubric: the work of slant annotate on many files, output
// aside.
func BenchmarkAnnotateArticles(b *testing.B) {
	docs := benchDocs(b)
	a := defaultAnnotator(b)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	findings := 0
	for b.Loop() {
		findings = 0
		for _, src := range docs {
			doc, err := prose.Parse("bench.txt", src, prose.FormatText)
			if err != nil {
				b.Fatal(err)
			}
			fs, err := a.Annotate(context.Background(), doc)
			if err != nil {
				b.Fatal(err)
			}
			findings += len(fs)
		}
	}
	b.ReportMetric(float64(findings), "findings/op")
}

// BenchmarkAnnotateOneDocument parses and annotates the whole text as one document: how the
// cost grows with the size of a document.
func BenchmarkAnnotateOneDocument(b *testing.B) {
	_, src := benchText(b)
	a := defaultAnnotator(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	findings := 0
	for b.Loop() {
		doc, err := prose.Parse("bench.txt", src, prose.FormatText)
		if err != nil {
			b.Fatal(err)
		}
		fs, err := a.Annotate(context.Background(), doc)
		if err != nil {
			b.Fatal(err)
		}
		findings = len(fs)
	}
	b.ReportMetric(float64(findings), "findings/op")
}

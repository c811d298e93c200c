package adversarial

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/internal/workcount"
	"github.com/slant-news/slant/rubrics"
)

// testSizes are the smaller of each pair of sizes the linear-cost test compares: one within
// a block (a paragraph of up to 64 KB is analysed whole, so work that grows with the square
// of a block shows below it), and one above the 64 KB at which a paragraph is cut into
// blocks, so that the cut is part of what is measured. The second is above the size up to
// which the quotation finder keeps its storage from one call to the next (128K marks), so
// that both sizes of the pair allocate alike.
var testSizes = []int{24 << 10, 160 << 10}

// testSize is the size TestInputsSurvive runs each input at.
const testSize = 160 << 10

// maxGrowth is how much more work twice the input may take. Work in proportion to the input
// doubles; 3 leaves room for what grows by steps (a buffer that doubles), and fails work that
// grows with the square of the input (4 times) or faster.
const maxGrowth = 3.0

// pipeline is slant's whole work on one input: parse, annotate with provenance, and render
// every output format (annotated Markdown, JSON, SARIF, the check's text and GitHub
// annotations), with the suppression comments applied as slant check applies them.
type pipeline struct {
	rubric    *rubrics.Rubric
	annotator *annotate.Annotator
	format    prose.Format
}

func newPipeline(t testing.TB, in Input) *pipeline {
	t.Helper()
	var (
		r   *rubrics.Rubric
		err error
	)
	if in.Rubric != "" {
		f, err := rubrics.Parse(in.Name+".toml", []byte(in.Rubric))
		require.NoError(t, err)
		r, err = rubrics.Compose(f)
		require.NoError(t, err)
	} else {
		r, err = rubrics.Default()
		require.NoError(t, err)
	}
	a, err := annotate.New(r)
	require.NoError(t, err)
	format, err := prose.ParseFormat(in.Format)
	require.NoError(t, err)
	return &pipeline{rubric: r, annotator: a, format: format}
}

// run annotates src and writes both outputs to md and io.Discard.
func (p *pipeline) run(src []byte, md io.Writer) error {
	doc, err := prose.Parse("input", src, p.format)
	if err != nil {
		return err
	}
	findings, err := p.annotator.Annotate(context.Background(), doc)
	if err != nil {
		return err
	}
	findings, suppressed, err := annotate.Suppress(doc, p.rubric, findings)
	if err != nil {
		return err
	}
	rep := render.Report{Doc: doc, Findings: findings, Provenance: p.annotator.Provenance(doc), Suppressed: suppressed}
	if err := render.Markdown(md, p.rubric, rep, render.MarkdownOptions{}); err != nil {
		return err
	}
	// Every output format, as a run of one document writes it.
	for _, format := range render.Formats() {
		out, err := render.NewOutput(io.Discard, format.New(render.Options{Rubrics: []*rubrics.Rubric{p.rubric}, Version: "test", Documents: 1}))
		if err != nil {
			return err
		}
		if err := out.Document(rep, 0); err != nil {
			return fmt.Errorf("%s: %w", format.Name, err)
		}
		if err := out.End(nil, ""); err != nil {
			return err
		}
	}
	return nil
}

// TestInputsSurvive runs every input through the whole pipeline: no error, no panic, and the
// annotated output gives the input back when slant's markup is stripped.
func TestInputsSurvive(t *testing.T) {
	for _, in := range Inputs {
		t.Run(in.Name, func(t *testing.T) {
			p := newPipeline(t, in)
			src := in.Generate(testSize)
			var out bytes.Buffer
			require.NoError(t, p.run(src, &out))
			require.True(t, bytes.Equal(src, render.Strip(out.Bytes())), "stripping the annotated output does not give the input back")
		})
	}
}

// TestLinearCost checks that doubling each input at most triples the work: steps counted by
// the stages that could grow faster than their input, heap allocations, and bytes allocated.
// Under the race detector, whose sync.Pool drops items at random, only the steps are
// checked (allocations varied by half from run to run there).
func TestLinearCost(t *testing.T) {
	for _, in := range Inputs {
		t.Run(in.Name, func(t *testing.T) {
			p := newPipeline(t, in)
			for _, size := range testSizes {
				small, large := in.Generate(size), in.Generate(2*size)
				cs, cl := p.cost(t, small), p.cost(t, large)
				check := func(what string, s, l, floor float64) {
					growth := (l + floor) / (s + floor)
					if growth > maxGrowth*float64(len(large))/float64(2*len(small)) {
						t.Errorf("%s: %.0f for %d bytes, %.0f for %d: %.2f times the work for twice the input", what, s, len(small), l, len(large), growth)
					}
				}
				check("steps", float64(cs.Steps), float64(cl.Steps), 1000)
				if raceDetector {
					continue // allocations vary under it; .ci/run runs this test without it too
				}
				check("allocations", float64(cs.Allocs), float64(cl.Allocs), 1000)
				check("bytes allocated", float64(cs.Bytes), float64(cl.Bytes), 256<<10)
			}
		})
	}
}

// cost measures p's work on src. Measure starts every run cold (no pooled storage), so one
// run is enough.
func (p *pipeline) cost(t *testing.T, src []byte) workcount.Cost {
	return workcount.Measure(func() { require.NoError(t, p.run(src, io.Discard)) })
}

// BenchmarkInputs runs the pipeline on every input at two sizes.
func BenchmarkInputs(b *testing.B) {
	for _, in := range Inputs {
		for _, size := range []int{256 << 10, 1 << 20} {
			b.Run(fmt.Sprintf("%s/%dKB", in.Name, size>>10), func(b *testing.B) {
				p := newPipeline(b, in)
				src := in.Generate(size)
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if err := p.run(src, io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

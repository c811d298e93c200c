package eval

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/slant-news/slant/rubrics"
)

// RuleTable is the precision of every rule of a rubric on several corpora side by side, so
// that a rubric author sees which rules earn their severity.
type RuleTable struct {
	Rubric  string   `json:"rubric"`
	Corpora []string `json:"corpora"` // names of the corpora scored, in column order
	Maps    []string `json:"maps"`    // the map each corpus was scored with
	// A rule is called precise on a corpus when the corpus's map counts it, it fires there
	// at least MinFindings times and its precision is at least MinPrecision.
	MinFindings  int       `json:"min_findings"`
	MinPrecision float64   `json:"min_precision"`
	Rows         []RuleRow `json:"rules"`
}

// RuleRow is one rule's precision on each corpus of a RuleTable.
type RuleRow struct {
	Rule     string          `json:"rule"`
	Category string          `json:"category"`
	Severity string          `json:"severity"`
	On       []RulePrecision `json:"on"` // one per corpus; Findings 0 where the rule did not fire
	// Fires counts the corpora whose map counts the rule and where it fired at least
	// MinFindings times; Precise, those of them where its precision is at least MinPrecision.
	Fires   int `json:"fires"`
	Precise int `json:"precise"`

	level rubrics.Severity // the severity in the writer's voice
}

// Short says whether a rule at warning (or error) falls short of the bar: precise on fewer than two of
// the corpora where it fires enough (or fewer than all of them, when that is one).
func (row RuleRow) Short() bool {
	return row.level.Rank() >= rubrics.Warning.Rank() && row.Fires > 0 && row.Precise < min(2, row.Fires)
}

// NewRuleTable puts the per-rule precision of several corpora (perCorpus[i] for corpora[i],
// as the corpus reports give it) in one table, in the rubric's order; every rule of the
// rubric has a row. counts[i] says whether corpus i's map counts a rule.
func NewRuleTable(r *rubrics.Rubric, corpora, maps []string, perCorpus [][]RulePrecision, counts []func(*rubrics.Rule) bool, minFindings int, minPrecision float64) *RuleTable {
	t := &RuleTable{Rubric: r.Name(), Corpora: corpora, Maps: maps, MinFindings: minFindings, MinPrecision: minPrecision}
	index := make([]map[string]RulePrecision, len(corpora))
	for i, rps := range perCorpus {
		index[i] = map[string]RulePrecision{}
		for _, rp := range rps {
			index[i][rp.Rule] = rp
		}
	}
	for _, rule := range r.Rules {
		row := RuleRow{Rule: rule.ID, Category: rule.Category, Severity: severityLabel(rule), level: rule.Severity}
		for i := range corpora {
			rp, ok := index[i][rule.ID]
			if !ok {
				rp = RulePrecision{Rule: rule.ID, Category: rule.Category, Severity: row.Severity, Counted: counts[i](rule)}
			}
			row.On = append(row.On, rp)
			if rp.Counted && rp.Findings >= minFindings {
				row.Fires++
				if rp.Precision >= minPrecision {
					row.Precise++
				}
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// WriteText writes the table: findings and precision per corpus, and how many of the corpora
// where a rule fires enough find it precise.
func (t *RuleTable) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "Precision per rule   rubric: %s\n", t.Rubric)
	for i, c := range t.Corpora {
		fmt.Fprintf(w, "  %s: map %s\n", c, t.Maps[i])
	}
	fmt.Fprintln(w)
	width := len("rule")
	for _, row := range t.Rows {
		width = max(width, len(row.Rule))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-*s\t%-*s\t", width, "rule", len("warning/info"), "severity")
	for _, c := range t.Corpora {
		fmt.Fprintf(tw, "%s n\t%s P\t", c, c)
	}
	fmt.Fprintf(tw, "precise\t\n")
	var short []string
	for _, row := range t.Rows {
		fmt.Fprintf(tw, "%-*s\t%-*s\t", width, row.Rule, len("warning/info"), row.Severity)
		for _, rp := range row.On {
			p := "-"
			if rp.Findings > 0 {
				p = fmt.Sprintf("%.3f", rp.Precision)
				if !rp.Counted {
					p = "(" + p + ")"
				}
			}
			fmt.Fprintf(tw, "%d\t%s\t", rp.Findings, p)
		}
		verdict := "-"
		if row.Fires > 0 {
			verdict = fmt.Sprintf("%d of %d", row.Precise, row.Fires)
		}
		if row.Short() {
			verdict += " !"
			short = append(short, row.Rule)
		}
		fmt.Fprintf(tw, "%s\t\n", verdict)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nn: findings. P: precision (span corpora: partial overlap with the gold spans; BABE: the words covered that are biased words).\n"+
		"(P): the corpus's map does not count the rule; scored for reference only.\n"+
		"precise: of the corpora whose map counts the rule and where it fires at least %d times, those where P >= %.2f;\n"+
		"!: a rule at warning precise on fewer than two of them (or on none, where it fires enough on one only): %s\n",
		t.MinFindings, t.MinPrecision, listOrNone(short))
	return err
}

// WriteErrors writes nothing: the table has no error listing (run the corpus commands with
// --explain-errors for one).
func (t *RuleTable) WriteErrors(io.Writer, int) error { return nil }

// WriteJSON writes the table as one JSON object.
func (t *RuleTable) WriteJSON(w io.Writer, _ bool, _ int) error {
	out := *t
	out.Rows = nonNil(out.Rows)
	return writeJSON(w, out)
}

package rubrics

// Provenance holds the word lists slant's provenance analysis reads: which verbs report
// speech or thought and in what tone, and which nouns make a source vague or anonymous. They
// live in the rubric so that a teacher can change them.
//
// Verb entries name a verb's base form, with irregular forms after slashes: "say/said",
// "write/wrote/written". Regular forms (-s, -ed, -ing) are added automatically.
//
// When rubrics compose, a list set by a later file replaces the same list of an earlier one.
type Provenance struct {
	NeutralVerbs     []string `toml:"neutral_verbs"`     // said, told, noted, added, stated
	LoadedVerbs      []string `toml:"loaded_verbs"`      // claimed, insisted, admitted, conceded, boasted
	BeliefVerbs      []string `toml:"belief_verbs"`      // believes, thinks, wants, fears, expects
	EvidenceVerbs    []string `toml:"evidence_verbs"`    // shows, found: a cue only after a document noun
	QuoteVerbs       []string `toml:"quote_verbs"`       // continued: a cue only beside the quotation it attributes
	ActObjects       []string `toml:"act_objects"`       // "claim responsibility": a verb of saying and an object that make an act, not a statement
	DocumentNouns    []string `toml:"document_nouns"`    // poll, survey, study, report
	VagueSources     []string `toml:"vague_sources"`     // officials, critics, experts, reports
	AnonymousSources []string `toml:"anonymous_sources"` // official, source, diplomat (with a, an, one)
	Titles           []string `toml:"titles"`            // President, Secretary, spokesman: a role, not a name
	Organisations    []string `toml:"organisations"`     // Department, Ministry, Pentagon: heads of organisation names
	Media            []string `toml:"media"`             // CNN, reporters, Twitter: where something was said (the venue)
	Places           []string `toml:"places"`            // Iran, Beijing: a place that speaks is its government
	People           []string `toml:"people"`            // friend, wife, architect: nouns for someone, beside the agent nouns
}

// merge returns p with every list that q sets replaced by q's.
func (p Provenance) merge(q *Provenance) Provenance {
	if q == nil {
		return p
	}
	set := func(dst *[]string, src []string) {
		if len(src) > 0 {
			*dst = src
		}
	}
	set(&p.NeutralVerbs, q.NeutralVerbs)
	set(&p.LoadedVerbs, q.LoadedVerbs)
	set(&p.BeliefVerbs, q.BeliefVerbs)
	set(&p.EvidenceVerbs, q.EvidenceVerbs)
	set(&p.QuoteVerbs, q.QuoteVerbs)
	set(&p.ActObjects, q.ActObjects)
	set(&p.DocumentNouns, q.DocumentNouns)
	set(&p.VagueSources, q.VagueSources)
	set(&p.AnonymousSources, q.AnonymousSources)
	set(&p.Titles, q.Titles)
	set(&p.Organisations, q.Organisations)
	set(&p.Media, q.Media)
	set(&p.Places, q.Places)
	set(&p.People, q.People)
	return p
}

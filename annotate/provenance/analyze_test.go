package provenance_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/provenance"
	"github.com/slant-news/slant/rubrics"
)

// lexicon is the default rubric's provenance word lists, read from its file alone (a rubric
// with rules needs package annotate, which registers the rule kinds).
func lexicon(t *testing.T) *provenance.Lexicon {
	t.Helper()
	r, err := rubrics.Load("../../rubrics/default/80-provenance.toml")
	require.NoError(t, err)
	return provenance.NewLexicon(r.Provenance)
}

func provenanceOf(t *testing.T, text string) (*provenance.Provenance, []byte) {
	t.Helper()
	src := []byte(text)
	doc, err := prose.Parse("p.txt", src, prose.FormatText)
	require.NoError(t, err)
	return provenance.Analyze(doc, lexicon(t)), src
}

// describe renders an attribution as "mention|cue|kind:source name|form|content".
func describe(src []byte, at provenance.Attribution) string {
	source := "none"
	if at.Source != nil {
		source = fmt.Sprintf("%s:%s", at.Source.Kind, at.Source.Name)
	}
	return fmt.Sprintf("%s|%s|%s|%s|%s", src[at.Mention.Start:at.Mention.End], src[at.Cue.Start:at.Cue.End], source, at.Form, src[at.Content.Start:at.Content.End])
}

func describeAll(src []byte, p *provenance.Provenance) []string {
	var out []string
	for _, at := range p.Attributions {
		out = append(out, describe(src, at))
	}
	return out
}

// TestAttributionForms covers each form of attribution, with the speaker before and after
// the verb. The passages are made up for the test.
func TestAttributionForms(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"direct, speaker after the verb", `"We will keep every berth open," said Ana Ruiz.`,
			[]string{`Ana Ruiz|said|person:Ana Ruiz|direct|We will keep every berth open,`}},
		{"direct, speaker before the verb", `"We will keep every berth open," Ruiz said on Monday.`,
			[]string{`Ruiz|said|person:Ruiz|direct|We will keep every berth open,`}},
		{"direct, introduced with a colon", `Ruiz told reporters: "The sale is final and nobody will lose a berth."`,
			[]string{`Ruiz|told|person:Ruiz|direct|The sale is final and nobody will lose a berth.`}},
		{"partial quote", `Ruiz said the price was "fair" and the buyer reliable.`,
			[]string{`Ruiz|said|person:Ruiz|partial|the price was "fair" and the buyer reliable`}},
		{"reported with that", `Mayor Ana Ruiz noted that the harbour would stay open.`,
			[]string{`Mayor Ana Ruiz|noted|person:Ana Ruiz|reported|the harbour would stay open`}},
		{"reported, inverted", `The harbour will stay open, the mayor's office said.`,
			[]string{`the mayor's office|said|organisation:mayor's office|reported|The harbour will stay open`}},
		{"according to, before", `According to the Port Authority, the sale closes in May.`,
			[]string{`the Port Authority|According to|organisation:Port Authority|according-to|the sale closes in May`}},
		{"according to, after", `The sale closes in May, according to a council official.`,
			[]string{`a council official|according to|anonymous:a council official|according-to|The sale closes in May`}},
		{"accused", `The fishermen's association accused the council of ignoring its petition.`,
			[]string{`The fishermen's association|accused|organisation:fishermen's association|reported|the council of ignoring its petition`}},
		{"threatened to", `Hale threatened to block the harbour mouth.`,
			[]string{`Hale|threatened|person:Hale|reported|to block the harbour mouth`}},
		{"told a medium", `A senior council official told the Courier that talks had stalled.`,
			[]string{`A senior council official|told|anonymous:A senior council official|reported|talks had stalled`}},
		{"anonymous after the verb", `"Talks have stalled," said a council official.`,
			[]string{`a council official|said|anonymous:a council official|direct|Talks have stalled,`}},
		{"named after the verb, with a clause", `"It is over," said Tom Hale, who leads the association.`,
			[]string{`Tom Hale|said|person:Tom Hale|direct|It is over,`}},
		{"vague group", `Critics say the deal hands the waterfront to strangers.`,
			[]string{`Critics|say|vague:Critics|reported|the deal hands the waterfront to strangers`}},
		{"reports that", `The vote followed reports that the buyer had walked away.`,
			[]string{`reports|reports|vague:reports|reported|the buyer had walked away`}},
		{"belief", `Maresby's fishermen fear the sale will end their trade.`,
			[]string{`Maresby's fishermen|fear|vague:Maresby's fishermen|belief|the sale will end their trade`}},
		{"no speaker", `It is believed that two councillors stayed away.`,
			[]string{`|believed|none|unsourced|two councillors stayed away`}},
		{"loaded verb", `Hale claimed the council ignored a petition.`,
			[]string{`Hale|claimed|person:Hale|reported|the council ignored a petition`}},
		// A participle's speaker is the subject of the sentence, which ends at its verb.
		{"participle after a clause", `The fishermen launched an appeal on Monday, claiming that the sale was unlawful.`,
			[]string{`The fishermen|claiming|vague:fishermen|reported|the sale was unlawful`}},
		{"participle after a subject with a participle in it", `The newly elected mayor arrived at the port, saying the berths would stay.`,
			[]string{`The newly elected mayor|saying|anonymous:the newly elected mayor|reported|the berths would stay`}},
		{"participle after a statement", `The mayor wrote to the board, saying the berths would stay.`,
			[]string{`The mayor|wrote|anonymous:the mayor|reported|to the board`, `The mayor|saying|anonymous:the mayor|reported|the berths would stay`}},
		// A verb in -s that could be a plural noun is a verb before "to be" or "to have".
		{"claims to have", `Hale, the union's treasurer, now suddenly claims to have seen the ledger.`,
			[]string{`Hale|claims|person:Hale|reported|to have seen the ledger`}},
		{"a noun before to be", `His plans to be mayor were dashed.`, nil},
		// A verb of saying with an object that makes it an act (act_objects) reports nothing.
		{"an act, not a statement", `The Harbour Front claimed responsibility for the fire.`, nil},
		{"an act with words between", `Floods have claimed dozens of homes along the coast.`, nil},
		{"an act in a relative clause", `Ruiz, who claimed the seat in 2019, did not run again.`, nil},
		{"an act's object in a clause", `Hale claimed the council's victory was rigged.`,
			[]string{`Hale|claimed|person:Hale|reported|the council's victory was rigged`}},
		{"two speakers joined by and", `Mayor Ruiz and the Port Authority accused the buyer of delay.`,
			[]string{`the Port Authority|accused|organisation:Port Authority|reported|the buyer of delay`, `Mayor Ruiz|accused|person:Ruiz|reported|the buyer of delay`}},
		{"transcript speaker", `RUIZ: We kept every berth open.`,
			[]string{`RUIZ|:|person:RUIZ|direct|We kept every berth open`}},
		{"headline speaker", `Harbour Master: Sale Will Not Close Berths`,
			[]string{`Harbour Master|:|person:Harbour Master|direct|Sale Will Not Close Berths`}},
		{"not a speaker", `Note: the ferry timetable changes in May.`, nil},
		{"signed quote", "\u201cThe council sold us out.\u201d \u2015 Ana Ruiz",
			[]string{"Ana Ruiz|\u2015|person:Ana Ruiz|direct|The council sold us out."}},
		{"progressive is not passive", `Hale is demanding a new vote.`,
			[]string{`Hale|demanding|person:Hale|reported|a new vote`}},
		{"contracted pronoun", `Hale said the vote was rigged. He's claiming the count was wrong.`,
			[]string{`Hale|said|person:Hale|reported|the vote was rigged`, `He's|claiming|person:Hale|reported|the count was wrong`}},
		{"continued subject", `Hale threatened a strike and said the boats would stay in port.`,
			[]string{`Hale|threatened|person:Hale|reported|a strike`, `Hale|said|person:Hale|reported|the boats would stay in port`}},
		// A time phrase between the speaker and the verb is not the speaker.
		{"time phrase before the verb", `The harbour master on Tuesday said the berths would stay open.`,
			[]string{`The harbour master|said|anonymous:The harbour master|reported|the berths would stay open`}},
		{"bare weekday before the verb", `The union Friday said the strike was over.`,
			[]string{`The union|said|organisation:union|reported|the strike was over`}},
		{"time phrase with this", `Port officials earlier this week said the sale had stalled.`,
			[]string{`Port officials|said|vague:Port officials|reported|the sale had stalled`}},
		{"at the time before the verb", `Hale at the time said the berths were full.`,
			[]string{`Hale|said|person:Hale|reported|the berths were full`}},
		{"the in a time phrase", `The harbour master in the morning said the port was shut.`,
			[]string{`The harbour master|said|anonymous:The harbour master|reported|the port was shut`}},
		{"year before the verb", `Reuters in 2019 reported that the berths were full.`,
			[]string{`Reuters|reported|organisation:Reuters|reported|the berths were full`}},
		// An honorific's full stop does not end the speaker's name.
		{"honorific after the verb", `"The sale is final," said Mr. Hale.`,
			[]string{`Mr. Hale|said|person:Hale|direct|The sale is final,`}},
		{"a plural noun before an auxiliary", `Harbour worries have dogged Ruiz for a year, and her remarks will not end them.`,
			nil},
		{"a verb in -s before a modal", `Ruiz signed a contract which the harbour office says can be mended.`,
			[]string{`the harbour office|says|organisation:harbour office|reported|can be mended`}},
		{"a thing is no speaker", `After the sale the rate would decline, and a box labeled "urgent" was left on the quay.`,
			nil},
		{"an adjective is no speaker", `Ruiz made an improbable remark, and her latest remarks drew a greater understanding.`,
			nil},
		{"a noun for someone speaks", `The architect said the quay was sound, and the old ferryman warned that it was not.`,
			[]string{`The architect|said|anonymous:The architect|reported|the quay was sound`,
				`the old ferryman|warned|anonymous:the old ferryman|reported|it was not`}},
		{"and joining two subjects", `Hale wrote that Ruiz and her officers support the buyer.`,
			[]string{`Hale|wrote|person:Hale|reported|Ruiz and her officers support the buyer`,
				`her officers|support|vague:her officers|belief|the buyer`,
				`Ruiz|support|person:Ruiz|belief|the buyer`}},
		{"a clause of its own after a comma and while", `Ruiz said the fares would rise, while critics argued that they would fall.`,
			[]string{`Ruiz|said|person:Ruiz|reported|the fares would rise`, `critics|argued|vague:critics|reported|they would fall`}},
		{"a passive cue after a comma and", `Critics say the sale was rushed, and it is believed that two councillors stayed away.`,
			[]string{`Critics|say|vague:Critics|reported|the sale was rushed`, `|believed|none|unsourced|two councillors stayed away`}},
		{"the head before of", `The owner of the trawler maintains that the berth is hers.`,
			[]string{`The owner of the trawler|maintains|anonymous:The owner of the trawler|reported|the berth is hers`}},
		{"a reflexive after the head", `The editor herself insisted that the story stand.`,
			[]string{`The editor herself|insisted|anonymous:The editor herself|reported|the story stand`}},
		{"a sentence's first word is no name", `Clearly wants the berths. Instead Hale said the sale was final. Time will tell.`,
			[]string{`Hale|said|person:Hale|reported|the sale was final`}},
		{"a surname in -ing", `Fleming added that the berths were full.`,
			[]string{`Fleming|added|person:Fleming|reported|the berths were full`}},
		{"a participle that opens a sentence", `Having said that the berths were full, the mayor was working late.`,
			nil},
		{"a headline in title case", "Stealth Over Harbour: Ruiz Sold the Berths\n\nEditor's Note: the berths were sold.",
			nil},
		{"the issuer of a statement", `The harbour office released a statement saying the berths were sold.`,
			[]string{`The harbour office|saying|organisation:harbour office|reported|the berths were sold`}},
		{"a document and its issuer", `The harbour office released a survey showing that the berths were full.`,
			[]string{`a survey|showing|vague:a survey|reported|the berths were full`}},
		{"a document that was posted", "The letter written in 1990 is lost.\n\nArticle posted with permission from the Maresby Courier.",
			nil},
		{"a document that speaks", `The letter said the berths were full.`,
			[]string{`The letter|said|vague:letter|reported|the berths were full`}},
		{"a quantifier for people", "Some believe the berths are full. Many say the sale is final.",
			[]string{`Some|believe|vague:Some|belief|the berths are full`, `Many|say|vague:Many|reported|the sale is final`}},
		{"a quantifier before a noun", "Many plans were drawn up, some support came from the council, and all charges were dropped.",
			nil},
		{"a quantifier before a compound noun", "Some harbour officials praised the sale.",
			[]string{`Some harbour officials|praised|vague:Some harbour officials|reported|the sale`}},
		{"all of them", "To varying degrees, all agreed that the berths were full.",
			[]string{`all|agreed|vague:all|reported|the berths were full`}},
		{"a relative clause without who", "The fishermen I interviewed said the berths were full.",
			[]string{`The fishermen|said|vague:fishermen|reported|the berths were full`}},
		{"a headline in title case", "Harbour Sale Was Rushed, Mayor Ruiz Says\n\nNew Survey Shows Berths Are Full\n\nFerry Will Stop, Harbour Doctor Warns",
			[]string{`Mayor Ruiz|Says|person:Ruiz|reported|Harbour Sale Was Rushed`, `New Survey|Shows|vague:New Survey|reported|Berths Are Full`,
				`Harbour Doctor|Warns|anonymous:Harbour Doctor|reported|Ferry Will Stop`}},
		{"no name in a headline", "The Night Of The Vote Reveals Much\n\nRecords Support Claims Of Fraud",
			nil},
		{"a capitalised verb outside a headline", "The berths are full. Says who? The Harbour Office Says Nothing about it, as ever, in its long weekly report to members.",
			nil},
		{"a belief inside a quotation", `"The owners want a quick sale and the council knows it," Hale said.`,
			[]string{`Hale|said|person:Hale|direct|The owners want a quick sale and the council knows it,`}},
		{"a third person inside a quotation", `"He said one thing and he told the council another," Hale said.`,
			[]string{`Hale|said|person:Hale|direct|He said one thing and he told the council another,`}},
		{"a surname that is a title word after a given name", `"The berths are full," said Charlie King. US Defence Secretary Mark Esper said they were empty.`,
			[]string{`Charlie King|said|person:Charlie King|direct|The berths are full,`, `US Defence Secretary Mark Esper|said|person:Mark Esper|reported|they were empty`}},
		{"a month is no speaker", "In August, the council said the berths were full.\n\nAnother challenge: the berths are full.",
			[]string{`the council|said|organisation:council|reported|the berths were full`}},
		{"a people is a group", "Mexicans felt betrayed by the sale. Sanders said it was fine.",
			[]string{`Mexicans|felt|vague:Mexicans|belief|betrayed by the sale`, `Sanders|said|person:Sanders|reported|it was fine`}},
		{"a surname that is also a title", `"The sale is final," Mr. King said.`,
			[]string{`Mr. King|said|person:King|direct|The sale is final,`}},
		{"honorific before the verb", `Dr. Ana Ruiz said the water was clean.`,
			[]string{`Dr. Ana Ruiz|said|person:Ana Ruiz|reported|the water was clean`}},
		{"month in a time phrase", `Port officials in April said the sale had stalled.`,
			[]string{`Port officials|said|vague:Port officials|reported|the sale had stalled`}},
		{"a month that is a name", `Prime Minister Theresa May said the talks would go on.`,
			[]string{`Prime Minister Theresa May|said|person:Theresa May|reported|the talks would go on`}},
		{"middle initial", `"It is done," said Tom J. Hale.`,
			[]string{`Tom J. Hale|said|person:Tom J. Hale|direct|It is done,`}},
		{"dotted abbreviation", `U.S. officials said the ship had left.`,
			[]string{`U.S. officials|said|vague:U.S. officials|reported|the ship had left`}},
		{"time after the verb", `"The plan is sound," Hale, a harbour pilot, said Thursday morning.`,
			[]string{`Hale|said|person:Hale|direct|The plan is sound,`}},
		{"according to a determiner's noun", `The berths are full, according to the agent.`,
			[]string{`the agent|according to|anonymous:the agent|according-to|The berths are full`}},
		{"according to a document", `Two boats sank last year, according to a council estimate.`,
			[]string{`a council estimate|according to|vague:a council estimate|according-to|Two boats sank last year`}},
		{"according to an acronym's document", `Ten boats sank, according to a UN estimate.`,
			[]string{`a UN estimate|according to|vague:a UN estimate|according-to|Ten boats sank`}},
		{"a quotation after the verb is no speaker", "Hale, the harbour master, says, \u201cThis is wrong, and it has to stop.\u201d",
			[]string{"Hale|says|person:Hale|direct|This is wrong, and it has to stop."}},
		{"an imperative is no speaker", "Hale shouted: \u201cListen. Don\u2019t deny it.\u201d",
			[]string{"Hale|shouted|person:Hale|direct|Listen. Don\u2019t deny it."}},
		{"an indefinite pronoun is vague", `Someone told the Courier that the berths were sold.`,
			[]string{`Someone|told|vague:Someone|reported|the berths were sold`}},
		{"negated auxiliary", `The owners haven't said whether the berths are for sale.`,
			[]string{`The owners|said|vague:owners|reported|whether the berths are for sale`}},
		{"quote verb beside a quotation", `"The berths are full," Hale continued.`,
			[]string{`Hale|continued|person:Hale|direct|The berths are full,`}},
		{"quote verb without a quotation", `The story continues below the advertisement.`, nil},
		{"quote verb before a colon", "Hale continued:\n\nThe berths are full and the season is over.",
			[]string{"Hale|continued|person:Hale|reported|"}},
		{"colon, then a quoted paragraph", "Hale said:\n\n\"The berths are full and the season is over.\"\n\nThe council met on Monday.",
			[]string{"Hale|said|person:Hale|direct|The berths are full and the season is over."}},
		{"a noun in -ly before the verb", `The fisherman's family has disputed the council's account.`,
			[]string{`The fisherman's family|disputed|anonymous:The fisherman's family|reported|the council's account`}},
		{"an adverb before the verb", `Hale repeatedly said the berths were full.`,
			[]string{`Hale|said|person:Hale|reported|the berths were full`}},
		{"hold that", `The court held that the sale was void.`,
			[]string{`The court|held that|organisation:court|belief|the sale was void`}},
		{"hold without that", `Investigators held off on charging the skipper.`, nil},
		{"raise is no verb of saying", `The delay raised questions about the sale.`, nil},
		{"a country that speaks", `Iran said the strait would stay open.`,
			[]string{`Iran|said|organisation:Iran|reported|the strait would stay open`}},
		{"a country as a modifier", `Iran Foreign Minister Ali Hale said the strait would stay open.`,
			[]string{`Iran Foreign Minister Ali Hale|said|person:Ali Hale|reported|the strait would stay open`}},
		{"a pronoun ends its phrase", `It was the first place I heard anyone say the berths were sold.`,
			[]string{`anyone|say|vague:anyone|reported|the berths were sold`}},
		{"a base form after the and a singular word", `Nobody forgot the October attack on the harbour.`, nil},
		{"according to a dotted abbreviation", `Ten boats sank, according to the U.S. Coast Guard.`,
			[]string{`the U.S. Coast Guard|according to|organisation:U.S. Coast Guard|according-to|Ten boats sank`}},
		{"a newspaper's name", `The Maresby Mail reported that the berths were sold.`,
			[]string{`The Maresby Mail|reported|organisation:Maresby Mail|reported|the berths were sold`}},
		{"a noun before was", `Republican support was solid in the harbour wards.`, nil},
		{"a title after an organisation's name", `Harbour Committee Chairman Tom Hale demanded a new vote.`,
			[]string{`Harbour Committee Chairman Tom Hale|demanded|person:Tom Hale|reported|a new vote`}},
		{"an organisation's name", `The Harbour Committee demanded a new vote.`,
			[]string{`The Harbour Committee|demanded|organisation:Harbour Committee|reported|a new vote`}},
		{"a regnal number", `King Edmund IX said the harbour chapel would reopen.`,
			[]string{`King Edmund IX|said|person:Edmund IX|reported|the harbour chapel would reopen`}},
		{"a number is no acronym", `Of the skippers, 56 said they would leave.`,
			[]string{`56|said|vague:56|reported|they would leave`}},
		{"a collective noun starting a sentence", `Proponents say the sale will save the harbour.`,
			[]string{`Proponents|say|vague:Proponents|reported|the sale will save the harbour`}},
		{"say as a noun", `The council has the final say on the berths.`, nil},
		{"thanks to", `Much has changed at the Port Authority thanks to the volunteers.`, nil},
		{"dotted abbreviation in a bracket", `Rep. Tom Hale (R-S.C.) said the vote was close.`,
			[]string{`Rep. Tom Hale|said|person:Tom Hale|reported|the vote was close`}},
		{"bracket then a description", `Rep. Tom Hale (R-Ohio), a harbour board member, said the vote was close.`,
			[]string{`Rep. Tom Hale|said|person:Tom Hale|reported|the vote was close`}},
		{"description between dashes", `Hale -- a harbour pilot for thirty years -- said the channel was silting up.`,
			[]string{`Hale|said|person:Hale|reported|the channel was silting up`}},
		{"long description", `Ana Ruiz, director of the Maresby Harbour Trust and a professor of marine engineering at the university in the north of the county, said the channel was safe.`,
			[]string{`Ana Ruiz|said|person:Ana Ruiz|reported|the channel was safe`}},
		{"a share of a poll", `Asked about the sale, 63 percent said the price was too low.`,
			[]string{`63 percent|said|vague:63 percent|reported|the price was too low`}},
		{"evidence verb after a participle", `A council report released last year found that the berths were unsafe.`,
			[]string{`A council report|found|vague:A council report|reported|the berths were unsafe`}},
		{"evidence verb after a relative clause", `A 2014 study that appeared in a journal found that silt was rising.`,
			[]string{`A 2014 study|found|vague:A 2014 study|reported|silt was rising`}},
		{"evidence verb without a document", `The diver found a wreck near the pier.`, nil},
		{"abbreviated bracket then a description", `Rep. Tom Hale (D-N.Y.), chairman of the board, said the vote was close.`,
			[]string{`Rep. Tom Hale|said|person:Tom Hale|reported|the vote was close`}},
		{"abbreviation closing a bracket", `Sen. Tom Hale (D-Mo.) said the vote would pass.`,
			[]string{`Sen. Tom Hale|said|person:Tom Hale|reported|the vote would pass`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, src := provenanceOf(t, c.text)
			assert.Equal(t, c.want, describeAll(src, p))
		})
	}
}

// TestTimePhraseBeforeAComma: a time phrase ending before a comma stands between no subject
// and its verb; the participle after the comma continues the sentence's speaker, and the
// statement's content is the clause before it.
func TestTimePhraseBeforeAComma(t *testing.T) {
	p, src := provenanceOf(t, `Two boats sank, the harbour office said on Tuesday, adding that nobody was hurt.`)
	assert.Equal(t, []string{
		`the harbour office|said|organisation:harbour office|reported|Two boats sank`,
		`the harbour office|adding|organisation:harbour office|reported|nobody was hurt`,
	}, describeAll(src, p))
}

func TestSourcesResolveAcrossMentions(t *testing.T) {
	p, src := provenanceOf(t, `Deputy Mayor Elena Ruiz said on Monday that the berths were safe.

"Nobody will lose a mooring," Ruiz said. She added that the buyer had signed.

The Maresby Port Authority said the sale would close in May. The Port Authority also said it had no objection.`)
	require.Len(t, p.Sources, 2, "%v", describeAll(src, p))
	ruiz, port := p.Sources[0], p.Sources[1]
	assert.Equal(t, provenance.SourcePerson, ruiz.Kind)
	assert.Equal(t, "Elena Ruiz", ruiz.Name)
	assert.Equal(t, "Deputy Mayor", ruiz.Role)
	assert.Equal(t, 3, ruiz.Statements, "said, said, added (by pronoun)")
	assert.Equal(t, []string{"said", "added"}, ruiz.Verbs)
	assert.Equal(t, provenance.SourceOrganisation, port.Kind)
	assert.Equal(t, "Maresby Port Authority", port.Name)
	assert.Equal(t, 2, port.Statements)
}

// TestCourtesyTitleIsNoRole: "Mr. Hale" is the Tom Hale named before, and "Mr." is not his
// role; "Dr" is kept as one.
func TestCourtesyTitleIsNoRole(t *testing.T) {
	p, src := provenanceOf(t, "Tom Hale said the berths were full.\n\n\"Nobody will lose a berth,\" said Mr. Hale.\n\nDr. Ana Ruiz said the water was clean.\n")
	require.Len(t, p.Sources, 2, "%v", describeAll(src, p))
	assert.Equal(t, "Tom Hale", p.Sources[0].Name)
	assert.Equal(t, 2, p.Sources[0].Statements)
	assert.Empty(t, p.Sources[0].Role)
	assert.Equal(t, "Ana Ruiz", p.Sources[1].Name)
	assert.Equal(t, "Dr", p.Sources[1].Role)
}

func TestPronounDoesNotCrossAnotherSpeaker(t *testing.T) {
	p, src := provenanceOf(t, `Ruiz said the sale was final. The Port Authority said it would review the berths. She added that talks were over.`)
	got := describeAll(src, p)
	require.Len(t, got, 3)
	assert.NotEqual(t, "Ruiz", p.Attributions[2].Source.Name, "she must not reach back past the Port Authority: %v", got)

	p, src = provenanceOf(t, `Ruiz said the sale was final. She added that talks were over.`)
	require.Len(t, p.Attributions, 2, "%v", describeAll(src, p))
	assert.Same(t, p.Attributions[0].Source, p.Attributions[1].Source)
}

// TestPronounFitsItsSpeaker: "it" is an organisation or a document, not a group of people;
// "they" is no single person.
func TestPronounFitsItsSpeaker(t *testing.T) {
	for _, tc := range []struct {
		text string
		same bool
	}{
		{`Harbour officials said the berths were full. It added that talks were over.`, false},
		{`The harbour office said the berths were full. It added that talks were over.`, true},
		{`A harbour report said the berths were full. It added that talks were over.`, true},
		{`Ruiz said the berths were full. They added that talks were over.`, false},
		{`Critics said the berths were full. They added that talks were over.`, true},
		{`Two young men said the berths were full. They added that talks were over.`, true},
		{`They said the berths were full. He added that talks were over.`, false},
	} {
		p, src := provenanceOf(t, tc.text)
		require.Len(t, p.Attributions, 2, "%v", describeAll(src, p))
		if tc.same {
			assert.Same(t, p.Attributions[0].Source, p.Attributions[1].Source, "%s: %v", tc.text, describeAll(src, p))
		} else {
			assert.NotSame(t, p.Attributions[0].Source, p.Attributions[1].Source, "%s: %v", tc.text, describeAll(src, p))
		}
	}
}

func TestPronounLimitedToNearbyParagraphs(t *testing.T) {
	p, src := provenanceOf(t, "Ruiz said the sale was final.\n\nThe ferry runs at noon.\n\nThe weather was calm.\n\nShe added that talks were over.")
	require.Len(t, p.Attributions, 2, "%v", describeAll(src, p))
	assert.NotSame(t, p.Attributions[0].Source, p.Attributions[1].Source, "two paragraphs later, she is unresolved")
	assert.Equal(t, provenance.SourceAnonymous, p.Attributions[1].Source.Kind)
}

// TestMultiParagraphQuote checks the news convention: a quote opened after its attribution
// runs over paragraphs that each open with a quote mark, only the last closed.
func TestMultiParagraphQuote(t *testing.T) {
	text := "\"We kept every berth,\" Ruiz said. \"The buyer signed that into the contract.\n\n" +
		"\"Nobody in this town loses a mooring because of the sale.\n\n" +
		"\"And the fish market stays where it is.\"\n\nThe ferry runs at noon."
	p, src := provenanceOf(t, text)
	got := describeAll(src, p)
	require.Len(t, got, 2, "%v", got)
	assert.Equal(t, `Ruiz|said|person:Ruiz|direct|We kept every berth,`, got[0])
	cont := p.Attributions[1]
	assert.Same(t, p.Attributions[0].Source, cont.Source)
	assert.Equal(t, provenance.FormDirect, cont.Form)
	content := string(src[cont.Content.Start:cont.Content.End])
	assert.Contains(t, content, "The buyer signed")
	assert.Contains(t, content, "Nobody in this town")
	assert.Contains(t, content, "fish market stays where it is.")
}

func TestQuoteAttributedAtItsEnd(t *testing.T) {
	text := "\"The first part of the statement opens here.\n\n\"And it ends here,\" Ruiz said."
	p, src := provenanceOf(t, text)
	require.Len(t, p.Attributions, 1, "%v", describeAll(src, p))
	at := p.Attributions[0]
	assert.Equal(t, "Ruiz", at.Source.Name)
	assert.Equal(t, provenance.FormDirect, at.Form)
	assert.Contains(t, string(src[at.Content.Start:at.Content.End]), "The first part")
}

// TestFirstPersonInsideAQuote: "I said" inside Hale's quotation is Hale speaking; "I think"
// is Hale's own hedge, part of the quoted statement, not a statement of its own.
func TestFirstPersonInsideAQuote(t *testing.T) {
	p, src := provenanceOf(t, `"I think the sale was a mistake and I said so," Hale said.`)
	got := describeAll(src, p)
	require.Len(t, got, 2, "%v", got)
	for _, at := range p.Attributions {
		assert.Equal(t, "Hale", at.Source.Name, "%v", got)
		assert.Equal(t, "said", string(src[at.Cue.Start:at.Cue.End]), "%v", got)
	}
}

func TestProvenanceCounts(t *testing.T) {
	doc, err := prose.Parse("c.txt", []byte("Ruiz said the sale was final. Critics say it is a mistake. The ferry leaves at noon from the pier. A council official claimed the vote was rigged."), prose.FormatText)
	require.NoError(t, err)
	c := provenance.Analyze(doc, lexicon(t)).Count(doc)
	assert.Equal(t, provenance.ProvenanceCounts{ClaimSentences: 4, AttributedSentences: 3, Named: 1, Anonymous: 1, Vague: 1, NeutralVerbs: 2, LoadedVerbs: 1}, c)
}

// TestSourceListsMentionsAndVerbsOnce: a mention that speaks twice is one mention, and a
// mark that carries an attribution (a transcript's colon, the quote mark of a quotation
// that carries on) is not listed among the verbs.
func TestSourceListsMentionsAndVerbsOnce(t *testing.T) {
	p, src := provenanceOf(t, "Hale said the vote was rigged and warned of a strike.\n\nRUIZ: We kept every berth open.\n")
	require.Len(t, p.Sources, 2, "%v", describeAll(src, p))
	hale, ruiz := p.Sources[0], p.Sources[1]
	assert.Equal(t, 2, hale.Statements)
	require.Len(t, hale.Mentions, 1)
	assert.Equal(t, "Hale", string(src[hale.Mentions[0].Start:hale.Mentions[0].End]))
	assert.Equal(t, []string{"said", "warned"}, hale.Verbs)
	assert.Equal(t, 1, ruiz.Statements)
	assert.Empty(t, ruiz.Verbs, "the colon is no verb")
}

package provenance

// This file holds the word lists every role asks about, and the class of bits that tells a
// word's lists at one lookup.
//
// The speech analysis asks, of the words around every cue, which of some twenty word lists
// they are in (pronouns, determiners, titles, organisations...): a map lookup each, with the
// word hashed every time, was a third of its time. A lexicon gives every listed word one
// set of bits, its class, and a block's analysis looks each word up once, when it is first
// asked about, keeping the class per token.

// wordClass is the word lists a folded word is in, one bit per list.
type wordClass uint32

// The word lists: the closed classes below, and a rubric's provenance lists.
const (
	wcStop wordClass = 1 << iota
	wcDeterminer
	wcPronoun
	wcAuxiliary
	wcBe
	wcNounVerb
	wcTime
	wcTimeFiller
	wcColonLabel
	wcDocument
	wcVague
	wcAnonymous
	wcTitle
	wcOrganisation
	wcMedia
	wcPlace
	wcPeople

	// wcKnown is set in every class looked up, so that a token's class 0 means "not yet".
	wcKnown
)

// closedClasses are the lexicon-independent lists and their bits.
var closedClasses = []struct {
	words map[string]bool
	class wordClass
}{
	{StopWords, wcStop}, {Determiners, wcDeterminer}, {pronouns, wcPronoun},
	{auxiliaries, wcAuxiliary}, {beForms, wcBe}, {nounVerbs, wcNounVerb}, {timeWords, wcTime},
	{timeFillers, wcTimeFiller}, {colonLabels, wcColonLabel},
}

// buildClasses fills lx.classes from the closed lists and lx's own.
func (lx *Lexicon) buildClasses() {
	lx.classes = map[string]wordClass{}
	add := func(words map[string]bool, c wordClass) {
		for w := range words {
			lx.classes[w] |= c
		}
	}
	for _, cl := range closedClasses {
		add(cl.words, cl.class)
	}
	add(lx.documents, wcDocument)
	add(lx.vague, wcVague)
	add(lx.anonymous, wcAnonymous)
	add(lx.titles, wcTitle)
	add(lx.organisations, wcOrganisation)
	add(lx.media, wcMedia)
	add(lx.places, wcPlace)
	add(lx.people, wcPeople)
}

// classOf returns the class of a folded word.
func (lx *Lexicon) classOf(word string) wordClass {
	return lx.classes[word] | wcKnown
}

// Closed-class words the speech analysis needs. They are grammar, not judgement, so they
// live here rather than in the rubric.
var (
	auxiliaries = wordSet([]string{
		"has", "have", "had", "also", "will", "would", "could", "should", "may", "might",
		"must", "can", "did", "does", "do", "not", "never", "previously", "later", "earlier",
		"then", "once", "often", "still", "just", "even", "again", "already", "reportedly",
		"allegedly", "first", "further", "last", "since", "soon", "recently", "repeatedly",
		"has also", "had also", "once again", "n't", "always", "long", "now",
	})
	beForms     = wordSet([]string{"is", "was", "are", "were", "been", "be", "being", "'s"})
	pronouns    = wordSet([]string{"he", "she", "they", "i", "we", "it", "you", "he's", "she's", "it's", "they're", "we're", "i'm", "he'd", "she'd", "they'd", "we'd", "i'd", "he'll", "she'll", "they'll", "we'll", "i'll", "i've", "we've", "they've"})
	Determiners = wordSet([]string{"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your", "any", "no", "every", "each", "one", "two", "three", "four", "several", "some", "many", "most", "both"})
	StopWords   = wordSet([]string{
		"that", "which", "who", "whom", "whose", "and", "or", "but", "because", "as", "when",
		"while", "if", "after", "before", "since", "though", "although", "where", "so",
		"than", "then", "to", "in", "on", "into", "onto", "with", "without", "about", "by",
		"from", "over", "under", "during", "until", "against", "between", "through", "what",
		"how", "why", "whether", "not", "nor", "yet", "also", "is", "was", "are", "were",
		"be", "been", "has", "have", "had", "will", "would", "could", "should", "may",
		"might", "must", "can", "did", "does", "do", "it's", "there", "here", "amid", "despite",
	})
	nounVerbs = wordSet([]string{
		"reports", "report", "claims", "claim", "calls", "call", "views", "view", "plans",
		"plan", "notes", "note", "supports", "support", "fears", "fear", "hopes", "hope",
		"doubts", "doubt", "estimates", "estimate", "answers", "answer", "comments",
		"comment", "questions", "question", "requests", "request", "demands", "demand",
		"promises", "promise", "pledges", "pledge", "vows", "vow", "proposals", "denials",
		"wants", "want", "thought", "thoughts", "posts", "post", "tweets", "tweet", "quotes", "say",
		"quote", "warnings", "statements", "findings", "concerns", "holds", "hold", "sees",
		"figures", "figure", "records", "learned", "found", "show", "shows", "signals",
		"signal", "hints", "hint", "states", "state", "counter", "counters",
		"challenge", "challenges", "dispute", "disputes", "reply", "replies", "response",
		"project", "projects", "forecast", "forecasts", "joke", "jokes", "cry", "cries",
		"attack", "attacks", "muse", "spin", "aim", "aims", "wish", "wishes", "guess",
		"favor", "favour", "detail", "details", "post", "see", "know", "like", "sing",
		"charge", "charges", "address", "credit", "label", "labels", "brand", "term", "terms",
		"echo", "echoes", "offer", "offers", "push", "raise", "worry", "worries", "ruling",
		"release", "welcome", "correct", "discuss", "issue", "issues", "support", "plan",
	})
	timeWords = wordSet([]string{
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"yesterday", "today", "tonight", "earlier", "later", "recently", "previously",
		"morning", "afternoon", "evening", "night", "week", "month", "year", "weekend",
	})
	// timeFillers may stand between a cue and what was said: "said on Tuesday", "said late
	// last week".
	timeFillers   = wordSet([]string{"on", "at", "last", "this", "late", "early", "in", "a", "an", "the"})
	listenerVerbs = wordSet([]string{"tell", "inform", "assure", "warn", "ask", "urge", "advise", "remind", "caution"})
	passiveOK     = wordSet([]string{"say", "believe", "think", "report", "allege", "rumor", "rumour", "understand", "know", "claim", "expect", "suspect", "fear", "consider", "see", "view", "estimate"})
)

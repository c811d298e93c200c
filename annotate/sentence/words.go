package sentence

// abbrevKind says how a period after an abbreviation is treated when a
// capitalised word or a digit follows it.
type abbrevKind uint8

const (
	// final abbreviations can end a sentence; the period is a boundary
	// only before a closed-class sentence starter ("Apple Inc. The ...").
	final abbrevKind = iota
	// medial abbreviations precede what they qualify (titles, "vs",
	// "e.g."); the period is never a boundary.
	medial
	// numeric abbreviations precede a number ("No. 10", "p. 5"); the
	// period is not a boundary before a digit and behaves normally
	// otherwise ("The answer was no. Officials ...").
	numeric
)

// abbreviations maps an abbreviation, spelled as it appears before its
// period (case-sensitive, internal periods kept), to its kind. Lowercase
// English words ("ill", "fig", "art") are deliberately left out, and so are
// abbreviations that double as common words or names ("Mass", "Miss", "Mo",
// "Del", "Ind", "Wash", "Kan", "La").
var abbreviations = map[string]abbrevKind{
	// Titles and ranks.
	"Mr": medial, "Mrs": medial, "Ms": medial, "Mx": medial, "Messrs": medial,
	"Mme": medial, "Mlle": medial, "Dr": medial, "Drs": medial, "Prof": medial,
	"Gen": medial, "Gens": medial, "Lt": medial, "Col": medial, "Maj": medial,
	"Capt": medial, "Sgt": medial, "Cpl": medial, "Pvt": medial, "Spc": medial,
	"Adm": medial, "Cmdr": medial, "Cdr": medial, "Brig": medial, "Ens": medial,
	"Gov": medial, "Govs": medial, "Sen": medial, "Sens": medial, "Rep": medial,
	"Reps": medial, "Pres": medial, "Supt": medial, "Det": medial, "Insp": medial,
	"Atty": medial, "Amb": medial, "Sec": medial, "Treas": medial, "Rev": medial,
	"Msgr": medial, "Fr": medial, "Hon": medial, "Rt": medial,
	// Place prefixes.
	"Mt": medial, "Ft": medial, "Pt": medial,
	// Always followed by more of the sentence.
	"vs": medial, "v": medial, "e.g": medial, "i.e": medial, "cf": medial,
	"viz": medial,

	// Before a number.
	"No": numeric, "no": numeric, "Nos": numeric, "nos": numeric,
	"Fig": numeric, "Figs": numeric, "Vol": numeric, "vol": numeric,
	"Vols": numeric, "p": numeric, "pp": numeric, "ca": numeric,
	"Apt": numeric, "Ch": numeric, "Art": numeric,

	// Name and company suffixes.
	"Jr": final, "Sr": final, "Inc": final, "Ltd": final, "Co": final,
	"Cos": final, "Corp": final, "Bros": final, "Plc": final, "plc": final,
	"Assn": final, "Dept": final, "dept": final, "Univ": final, "univ": final,
	"Ph.D": final, "al": final,
	// Streets.
	"St": final, "Ave": final, "Blvd": final, "Rd": final, "Hwy": final,
	"Rte": final, "Sq": final,
	// Months (AP style abbreviates them before a day).
	"Jan": final, "Feb": final, "Mar": final, "Apr": final, "Jun": final,
	"Jul": final, "Aug": final, "Sep": final, "Sept": final, "Oct": final,
	"Nov": final, "Dec": final,
	// Quantities.
	"approx": final, "Approx": final, "est": final, "Est": final,
	"avg": final, "min": final, "max": final, "hr": final, "hrs": final,
	"mos": final, "yrs": final, "oz": final, "lb": final, "lbs": final,
	// AP state abbreviations.
	"Ala": final, "Ariz": final, "Ark": final, "Calif": final, "Colo": final,
	"Conn": final, "Fla": final, "Ga": final, "Ill": final, "Ky": final,
	"Md": final, "Mich": final, "Minn": final, "Mont": final, "Neb": final,
	"Nev": final, "Okla": final, "Ore": final, "Pa": final, "Tenn": final,
	"Tex": final, "Va": final, "Vt": final, "Wis": final, "Wyo": final,
}

// maxStarter is the length of the longest word in starters.
const maxStarter = len("Meanwhile")

// starters are closed-class words that begin sentences but rarely continue
// a name or an abbreviation. After an initialism, a suffix abbreviation or an
// initial, a period followed by one of them ends the sentence.
var starters = map[string]bool{
	"The": true, "He": true, "She": true, "It": true, "They": true,
	"We": true, "I": true, "You": true, "His": true, "Her": true, "Its": true,
	"Their": true, "Our": true, "But": true, "And": true, "Or": true,
	"So": true, "Yet": true, "In": true, "On": true, "At": true, "By": true,
	"For": true, "From": true, "With": true, "To": true, "Of": true,
	"A": true, "An": true, "This": true, "That": true, "These": true,
	"Those": true, "There": true, "Here": true, "Then": true, "Now": true,
	"Next": true, "Meanwhile": true, "However": true, "Earlier": true,
	"Later": true, "After": true, "Before": true, "When": true, "While": true,
	"If": true, "As": true, "Since": true, "Until": true, "Although": true,
	"Though": true, "Still": true, "Also": true, "Some": true, "Many": true,
	"Most": true, "All": true, "What": true, "Why": true, "How": true,
	"Who": true, "Where": true, "Today": true, "Yesterday": true,
}

// isStarter reports whether w is a closed-class sentence starter.
func isStarter(w string) bool { return starters[w] }

// maxName bounds the length of a word scanned in an attribution.
const maxName = 24

// speechVerbs are the verbs of speech that mark `"Why?" Smith asked.` as one
// sentence.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "asked": true, "asks": true, "added": true,
	"adds": true, "told": true, "tells": true, "shouted": true, "shouts": true,
	"yelled": true, "yells": true, "cried": true, "cries": true,
	"screamed": true, "exclaimed": true, "replied": true, "replies": true,
	"wrote": true, "writes": true, "recalled": true, "recalls": true,
	"explained": true, "insisted": true, "continued": true, "demanded": true,
	"wondered": true, "noted": true, "argued": true, "tweeted": true,
	"posted": true, "responded": true, "declared": true, "laughed": true,
}

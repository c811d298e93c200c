package rubrics

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
)

// Kind names a rule kind: how a rule finds its spans ("terms", "pattern", ...). The package
// that implements the kinds (annotate) registers each with RegisterKind; Kinds lists them.
type Kind string

// A KindSpec is what a rubric needs to know of a rule kind: its name, the fields that
// configure it besides the common fields of Rule, and the checks those fields must pass.
// Make one with NewKindSpec.
type KindSpec struct {
	Name Kind
	// newOptions returns a pointer to a new, zero struct of the kind's options. Its
	// exported fields, each with a toml tag, are the fields a rule of the kind may set.
	newOptions func() any
	// check validates a rule's options once decoded, and may complete them (with a
	// compiled expression, say). It returns an *OptionError, or nil.
	check func(options any) error
}

// NewKindSpec returns the spec of the kind name, whose options are an O: a struct whose
// exported fields, each with a toml tag, are the fields a rule of the kind may set. Parse
// decodes them as strictly as the rest of the file (a value of the wrong type is an error at
// file:line:col) and rejects a field set that belongs to another kind; then check, if not
// nil, validates them. Rule.Options holds the result, an *O.
//
// A field may belong to several kinds ("terms", "cues"), with the same Go type in each.
func NewKindSpec[O any](name Kind, check func(*O) error) KindSpec {
	if t := reflect.TypeFor[O](); t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("rubrics: kind %s: options of type %s, not a struct", name, t))
	}
	spec := KindSpec{Name: name, newOptions: func() any { return new(O) }}
	if check != nil {
		spec.check = func(o any) error { return check(o.(*O)) }
	}
	return spec
}

// Fields returns the TOML keys of the kind's options, in the order its struct declares them.
func (s KindSpec) Fields() []string {
	var keys []string
	for _, f := range optionFields(reflect.TypeOf(s.newOptions()).Elem()) {
		keys = append(keys, f.key)
	}
	return keys
}

// An OptionError is what a KindSpec's check returns for a mistake in a rule's options:
// Field, the key within the rule it is about ("pattern", "terms.2"; "" for the rule as a
// whole), and Msg, what is wrong. Parse turns it into a *PositionError naming the rule.
type OptionError struct {
	Field, Msg string
}

// OptionErrorf returns an *OptionError about field, its message formatted as fmt.Sprintf
// does.
func OptionErrorf(field, format string, args ...any) *OptionError {
	return &OptionError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Error gives the field and the message.
func (e *OptionError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

// The registered kinds. They are registered while the program initialises, and read only
// after that: the first rubric decoded freezes them.
var (
	kindSpecs  []KindSpec
	kindFrozen atomic.Bool
	shapeOnce  sync.Once
	shape      *fileShape
)

// RegisterKind makes a kind known to Parse. Package annotate registers every kind it
// implements, in the order the README documents them, from an init function; a program that
// reads rubrics therefore imports annotate. RegisterKind panics if a kind of the same name
// is registered, if a field of the kind has another type in a kind registered before, or if
// a rubric has already been decoded.
func RegisterKind(spec KindSpec) {
	if kindFrozen.Load() {
		panic(fmt.Sprintf("rubrics: kind %s registered after a rubric was decoded", spec.Name))
	}
	if spec.newOptions == nil {
		panic(fmt.Sprintf("rubrics: kind %s: spec not made by NewKindSpec", spec.Name))
	}
	if _, ok := lookupKind(spec.Name); ok {
		panic(fmt.Sprintf("rubrics: kind %s registered twice", spec.Name))
	}
	// Build the decoding shape now, so that a conflict of field types panics at once.
	newFileShape(append(kindSpecs[:len(kindSpecs):len(kindSpecs)], spec))
	kindSpecs = append(kindSpecs, spec)
}

// Kinds returns the specs of the registered kinds, in the order they were registered.
func Kinds() []KindSpec {
	return kindSpecs[:len(kindSpecs):len(kindSpecs)]
}

func lookupKind(name Kind) (KindSpec, bool) {
	for _, s := range kindSpecs {
		if s.Name == name {
			return s, true
		}
	}
	return KindSpec{}, false
}

// kindList gives the names of the registered kinds, for an error message.
func kindList() string {
	names := make([]string, len(kindSpecs))
	for i, k := range kindSpecs {
		names[i] = string(k.Name)
	}
	return strings.Join(names, ", ")
}

// fileShape is how a rubric file is decoded, given the registered kinds: into a struct
// made at run time that has File's fields, with each rule a struct of Rule's common
// fields followed by every kind's options (a field several kinds share, once). go-toml
// then rejects a key that no kind knows and places a value of the wrong type, as it did
// when Rule declared every kind's fields itself.
type fileShape struct {
	file       reflect.Type // the struct decoded into
	fileFields []fieldCopy  // File's fields in it, Rules aside
	rules      int          // the index of Rules in it
	rule       reflect.Type // the struct of one rule
	ruleFields []fieldCopy  // Rule's common fields in rule
	options    []string     // the TOML keys of the kinds' options, in rule from index len(ruleFields) on
	// kindFields gives, for each kind, the index in rule of each field of its options
	// struct, in the order of optionFields.
	kindFields map[Kind][]int
}

// fieldCopy maps a field of a decoded struct to the field of File or Rule it fills.
type fieldCopy struct {
	from int   // index in the decoded struct
	to   []int // index in File or Rule
}

// optionField is a field of a kind's options struct.
type optionField struct {
	key   string // its TOML key
	index int    // its index in the struct
	typ   reflect.Type
}

// optionFields returns the fields of an options struct that a rubric may set.
func optionFields(t reflect.Type) []optionField {
	var out []optionField
	for i := range t.NumField() {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if !f.IsExported() || key == "" || key == "-" {
			continue
		}
		out = append(out, optionField{key, i, f.Type})
	}
	return out
}

// decodedFields returns the fields of t that go-toml decodes, as fields of a struct made
// at run time, with where each comes from; Rules and Options are left out.
func decodedFields(t reflect.Type) ([]reflect.StructField, []fieldCopy) {
	var fields []reflect.StructField
	var copies []fieldCopy
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous || f.Tag.Get("toml") == "-" || f.Name == "Rules" {
			continue
		}
		copies = append(copies, fieldCopy{from: len(fields), to: f.Index})
		fields = append(fields, reflect.StructField{Name: f.Name, Type: f.Type, Tag: f.Tag})
	}
	return fields, copies
}

// newFileShape makes the fileShape of specs. It panics if two kinds give one field
// different types.
func newFileShape(specs []KindSpec) *fileShape {
	s := &fileShape{kindFields: map[Kind][]int{}}
	fields, copies := decodedFields(reflect.TypeFor[Rule]())
	s.ruleFields = copies
	common := map[string]bool{}
	for _, f := range fields {
		key, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		common[key] = true
	}
	at := map[string]int{} // option key -> index in the rule struct
	for _, spec := range specs {
		var index []int
		for _, f := range optionFields(reflect.TypeOf(spec.newOptions()).Elem()) {
			if common[f.key] {
				panic(fmt.Sprintf("rubrics: kind %s: field %s is one of every rule's", spec.Name, f.key))
			}
			i, ok := at[f.key]
			if !ok {
				i = len(fields)
				at[f.key] = i
				s.options = append(s.options, f.key)
				fields = append(fields, reflect.StructField{
					Name: fmt.Sprintf("Option%d", len(s.options)), Type: f.typ, Tag: reflect.StructTag(`toml:"` + f.key + `"`)})
			} else if fields[i].Type != f.typ {
				panic(fmt.Sprintf("rubrics: kind %s: field %s is a %s, in an earlier kind a %s", spec.Name, f.key, f.typ, fields[i].Type))
			}
			index = append(index, i)
		}
		s.kindFields[spec.Name] = index
	}
	s.rule = reflect.StructOf(fields)

	fields, s.fileFields = decodedFields(reflect.TypeFor[File]())
	s.rules = len(fields)
	fields = append(fields, reflect.StructField{Name: "Rules", Type: reflect.SliceOf(s.rule), Tag: `toml:"rules"`})
	s.file = reflect.StructOf(fields)
	return s
}

// currentShape returns the fileShape of the registered kinds, and freezes them.
func currentShape() *fileShape {
	shapeOnce.Do(func() {
		kindFrozen.Store(true)
		shape = newFileShape(kindSpecs)
	})
	return shape
}

// decodedRule is one rule as decoded: its common fields are copied into a Rule, its options
// wait here until its kind is known.
type decodedRule struct {
	shape *fileShape
	value reflect.Value // of type shape.rule
}

// newFile returns a new value to decode a file into.
func (s *fileShape) newFile() reflect.Value {
	return reflect.New(s.file)
}

// fill copies the decoded value v (of type s.file) into f, and returns the options of its
// rules.
func (s *fileShape) fill(f *File, v reflect.Value) []decodedRule {
	dst := reflect.ValueOf(f).Elem()
	for _, c := range s.fileFields {
		dst.FieldByIndex(c.to).Set(v.Field(c.from))
	}
	rules := v.Field(s.rules)
	if rules.Len() == 0 {
		return nil
	}
	f.Rules = make([]Rule, rules.Len())
	out := make([]decodedRule, rules.Len())
	for i := range f.Rules {
		src := rules.Index(i)
		rule := reflect.ValueOf(&f.Rules[i]).Elem()
		for _, c := range s.ruleFields {
			rule.FieldByIndex(c.to).Set(src.Field(c.from))
		}
		out[i] = decodedRule{s, src}
	}
	return out
}

// set returns the keys of the options the rule sets, in the order of the kinds'
// registration: to a value other than the zero value, or an empty list or table.
func (d decodedRule) set() []string {
	var keys []string
	for i, key := range d.shape.options {
		if isSet(d.value.Field(len(d.shape.ruleFields) + i)) {
			keys = append(keys, key)
		}
	}
	return keys
}

// isSet reports whether v, an option as decoded, says anything: "terms = []" says nothing,
// no more than "inflect = false" does.
func isSet(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() > 0
	}
	return !v.IsZero()
}

// options returns the rule's options as spec's options struct.
func (d decodedRule) options(spec KindSpec) any {
	o := spec.newOptions()
	dst := reflect.ValueOf(o).Elem()
	for j, f := range optionFields(dst.Type()) {
		dst.Field(f.index).Set(d.value.Field(d.shape.kindFields[spec.Name][j]))
	}
	return o
}

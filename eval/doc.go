// Package eval scores slant against corpora that people annotated by hand, so that a change to
// a rubric or a matcher can be measured instead of guessed at.
//
// Four corpora are supported:
//
//   - the Propaganda Techniques Corpus (PTC) of SemEval-2020 Task 11, scored with the task's
//     span-identification measure (partial-overlap credit) for the techniques slant's rubrics
//     speak to: see [LoadPTC], [PTCMap] and [EvaluatePTC];
//   - PolNeAR, the Political News Attribution Relations corpus, scored on the attribution
//     relations (source, cue, content) an [Attributor] finds: see [LoadPolNeAR] and
//     [EvaluatePolNeAR];
//   - BASIL, mainstream articles with lexical-bias spans flagged as in or out of quotations,
//     scored with the PTC's measure overall and voice by voice: see [LoadBASIL],
//     [LoadedMap] and [EvaluateBASIL];
//   - BABE, news sentences labelled biased or not with their biased words, scored at word
//     and sentence level: see [LoadBABE] and [EvaluateBABE].
//
// Every corpus report has the precision of each rule ([RulePrecision]); [NewRuleTable] puts
// several corpora's side by side.
//
// The corpora give offsets in Unicode code points; slant works in byte offsets. [Offsets]
// converts between the two, and every span in this package is a byte span of the document
// source ([prose.Span]). Lengths that enter a score are counted in code points, as the
// corpora's own scorers count them.
package eval

// Package layers holds the test that keeps slant's packages in their layers: the document
// model and the rule engine know nothing of rendering or the command line, rendering
// nothing of the command line, rubrics nothing of the engine that applies them.
package layers

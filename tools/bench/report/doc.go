// Package report renders the results of tools/bench for people: the
// README's performance table (Markdown, rewritten in place between two
// marker comments) and the same CPU figures as an SVG bar chart. It knows
// nothing of the scenarios: the bench hands it rows, so a scenario added to
// the bench appears in both without a change here. It uses the standard
// library only, so `make test` tests it without the official SDK the bench
// itself needs.
package report

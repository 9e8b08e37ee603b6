// Package rtutil holds the small helpers every reliability layer shares:
// request cloning with a rewound body, draining dropped bodies, sleeping on a
// context, naming the operation of a request, and classifying an outcome as a
// sign of service health.
package rtutil

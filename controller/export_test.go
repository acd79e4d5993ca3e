package controller

// BackoffRemaining exposes backoffRemaining to the external tests.
var BackoffRemaining = backoffRemaining

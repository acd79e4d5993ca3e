package controller

import "time"

// BackoffRemaining exposes backoffRemaining to the external tests.
var BackoffRemaining = backoffRemaining

// ParseCron and CronNext expose the cron parser to the external tests.
var ParseCron = parseCron

func CronNext(s *cronSchedule, t time.Time) time.Time { return s.next(t) }

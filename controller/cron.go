package controller

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// cronSchedule is a parsed standard cron schedule: five fields (minute,
// hour, day of month, month, day of week), as the CronJob controller's
// cron library reads them (robfig/cron/v3 ParseStandard).
type cronSchedule struct {
	minute, hour, dom, month, dow uint64 // bit i set: value i matches
	domStar, dowStar              bool   // the field was * or ?
	loc                           *time.Location
}

// cronField is one field's range of values and its names.
type cronField struct {
	name     string
	min, max int
	names    map[string]int
}

var cronFields = [5]cronField{
	{"minute", 0, 59, nil},
	{"hour", 0, 23, nil},
	{"day of month", 1, 31, nil},
	{"month", 1, 12, map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}},
	{"day of week", 0, 6, map[string]int{"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}},
}

// cronMacros are the descriptors a schedule may use instead of five fields.
var cronMacros = map[string]string{
	"@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
	"@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
}

// parseCron reads a standard cron schedule or a macro (@hourly, @daily,
// ...), to be evaluated in loc. It returns an error saying what is wrong.
func parseCron(spec string, loc *time.Location) (*cronSchedule, error) {
	spec = strings.TrimSpace(spec)
	if strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=") {
		return nil, fmt.Errorf("cannot use TZ or CRON_TZ in schedule, use timeZone field instead")
	}
	if strings.HasPrefix(spec, "@") {
		m, ok := cronMacros[spec]
		if !ok {
			return nil, fmt.Errorf("unrecognized descriptor: %s", spec)
		}
		spec = m
	}
	fields := strings.Fields(spec)
	if len(fields) != 5 {
		return nil, fmt.Errorf("expected exactly 5 fields, found %d: %s", len(fields), spec)
	}
	s := &cronSchedule{loc: loc}
	bits := [5]*uint64{&s.minute, &s.hour, &s.dom, &s.month, &s.dow}
	for i, f := range fields {
		b, err := parseCronField(f, cronFields[i])
		if err != nil {
			return nil, err
		}
		*bits[i] = b
	}
	s.domStar = fields[2] == "*" || fields[2] == "?"
	s.dowStar = fields[4] == "*" || fields[4] == "?"
	// Day of week 7 is Sunday too.
	if s.dow&(1<<7) != 0 {
		s.dow |= 1
	}
	return s, nil
}

// parseCronField reads one field: *, ?, a value, a range a-b, each with an
// optional /step, or a comma-separated list of these.
func parseCronField(f string, cf cronField) (uint64, error) {
	var bits uint64
	max := cf.max
	if cf.name == "day of week" {
		max = 7
	}
	for _, part := range strings.Split(f, ",") {
		rng, stepStr, hasStep := strings.Cut(part, "/")
		lo, hi := cf.min, max
		switch {
		case rng == "*" || rng == "?":
			if !hasStep && cf.name == "day of week" {
				hi = cf.max
			}
		default:
			a, b, isRange := strings.Cut(rng, "-")
			var err error
			if lo, err = cronValue(a, cf); err != nil {
				return 0, err
			}
			hi = lo
			if isRange {
				if hi, err = cronValue(b, cf); err != nil {
					return 0, err
				}
			} else if hasStep {
				hi = max
			}
		}
		step := 1
		if hasStep {
			n, err := strconv.Atoi(stepStr)
			if err != nil || n <= 0 {
				return 0, fmt.Errorf("failed to parse int from %s: bad step", stepStr)
			}
			step = n
		}
		if lo < cf.min || hi > max || lo > hi {
			return 0, fmt.Errorf("%s out of range (%d-%d): %s", cf.name, cf.min, cf.max, part)
		}
		for v := lo; v <= hi; v += step {
			bits |= 1 << uint(v)
		}
	}
	return bits, nil
}

func cronValue(s string, cf cronField) (int, error) {
	if v, ok := cf.names[strings.ToLower(s)]; ok {
		return v, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("failed to parse int from %s: %v", s, err)
	}
	return n, nil
}

// dayMatches reports whether t's day matches: both day fields when either
// is *, else either of them (cron's rule).
func (s *cronSchedule) dayMatches(t time.Time) bool {
	dom := s.dom&(1<<uint(t.Day())) != 0
	dow := s.dow&(1<<uint(t.Weekday())) != 0
	if s.domStar || s.dowStar {
		return dom && dow
	}
	return dom || dow
}

// next returns the first instant after t (to the minute) that the
// schedule matches, in the schedule's time zone, or the zero time when
// none comes within five years (SpecSchedule.Next).
func (s *cronSchedule) next(t time.Time) time.Time {
	orig := t.Location()
	t = t.In(s.loc).Add(time.Minute - time.Duration(t.Second())*time.Second - time.Duration(t.Nanosecond()))
	limit := t.Year() + 5
	for t.Year() <= limit {
		switch {
		case s.month&(1<<uint(t.Month())) == 0:
			t = time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, s.loc)
		case !s.dayMatches(t):
			t = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, s.loc)
		case s.hour&(1<<uint(t.Hour())) == 0:
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour()+1, 0, 0, 0, s.loc)
		case s.minute&(1<<uint(t.Minute())) == 0:
			t = t.Add(time.Minute)
		default:
			return t.In(orig)
		}
	}
	return time.Time{}
}

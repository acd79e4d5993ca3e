package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ClockState is what the control endpoint reports: the virtual instant,
// the pace, and whether the clock is paused.
type ClockState struct {
	Now    string  `json:"now"`
	Nanos  int64   `json:"nanoseconds"`
	Pace   float64 `json:"pace"`
	Paused bool    `json:"paused"`
}

// serveControl serves the clock's control endpoint:
//
//	GET  /nucleus/v1/clock                 the clock's state
//	POST /nucleus/v1/clock?pause=true      stop virtual time (pause=false resumes)
//	POST /nucleus/v1/clock?pace=60x        run at 60 times the wall clock
//	POST /nucleus/v1/clock?jump=5m         jump ahead 5 minutes of virtual time
//
// Parameters combine; a jump runs every event on the way, as the loop
// would.
func (s *Server) serveControl(w http.ResponseWriter, req *http.Request) {
	if strings.Trim(req.URL.Path, "/") != "nucleus/v1/clock" {
		writeError(w, notFoundPath(strings.Trim(req.URL.Path, "/")))
		return
	}
	switch req.Method {
	case http.MethodGet:
	case http.MethodPost:
		if err := s.control(req); err != nil {
			writeError(w, err)
			return
		}
	default:
		writeError(w, badRequest("the clock takes GET and POST"))
		return
	}
	s.mu.Lock()
	s.catchUp()
	now := s.c.Now()
	s.mu.Unlock()
	pace, paused := s.clock.state()
	writeJSON(w, http.StatusOK, ClockState{Now: now.String(), Nanos: int64(now), Pace: pace, Paused: paused})
}

// control changes the clock as the request's parameters say.
func (s *Server) control(req *http.Request) error {
	q := req.URL.Query()
	var paused *bool
	if p := q.Get("pause"); p != "" {
		b, err := strconv.ParseBool(p)
		if err != nil {
			return badRequest("pause: want true or false, got %q", p)
		}
		paused = &b
	}
	pace := 0.0
	if p := q.Get("pace"); p != "" {
		v, err := ParsePace(p)
		if err != nil {
			return badRequest("pace: %v", err)
		}
		pace = v
	}
	var jump time.Duration
	if j := q.Get("jump"); j != "" {
		d, err := time.ParseDuration(j)
		if err != nil || d < 0 || d > 24*time.Hour {
			return badRequest("jump: want a duration from 0 to 24h such as 5m, got %q", j)
		}
		jump = d
	}
	s.Set(paused, pace, jump)
	return nil
}

// Set changes the clock: pause or resume (nil leaves it), a new pace (0
// leaves it), and a jump ahead. A jump runs the chain to the new instant
// at once.
func (s *Server) Set(paused *bool, pace float64, jump time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	s.clock.set(s.c.Now(), paused, pace, jump)
	s.catchUp()
	s.poke()
}

// maxPace bounds a pace: beyond a million times real speed pacing is no
// pacing at all.
const maxPace = 1e6

// ParsePace returns the speed a pace asks for: "10x" is ten times real
// speed, "1x" real time, "0.5x" half speed. The error says what a pace
// looks like. `nucleus run --pace` and `nucleus serve --pace` read theirs
// with it too.
func ParsePace(p string) (float64, error) {
	num, ok := strings.CutSuffix(p, "x")
	if !ok {
		return 0, errors.New("want a speed such as 10x (ten times real time)")
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || !(v > 0) || v > maxPace {
		return 0, fmt.Errorf("want a speed such as 10x, more than 0x and at most %gx", float64(maxPace))
	}
	return v, nil
}

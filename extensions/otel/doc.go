// Package claudeotel is a placeholder until the observer seam lands.
package claudeotel

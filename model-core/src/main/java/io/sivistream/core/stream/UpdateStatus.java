package io.sivistream.core.stream;

/** Outcome of one window's update. */
public enum UpdateStatus {
  /** Every step was finite. */
  OK,
  /** At least one non-finite step was rolled back (learning rate lowered); the result is still valid. */
  RECOVERED
}

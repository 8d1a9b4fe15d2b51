package io.sivistream.app.job;

/**
 * One closed window's published output.
 *
 * @param modelId     model
 * @param version     window index, 1, 2, ...
 * @param windowStart event-time start (ms) for event-time windows, else the first row's time
 * @param windowEnd   event-time end (ms, exclusive), else the last row's time
 * @param rows        rows in the window
 * @param lateRows    rows that arrived after their own window had closed and were put in this one
 * @param summary     encoded summary
 * @param draws       encoded draws, may be null
 */
public record WindowResult(String modelId, long version, long windowStart, long windowEnd,
    int rows, long lateRows, byte[] summary, byte[] draws) {}

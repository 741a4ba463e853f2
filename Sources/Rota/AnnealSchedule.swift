import Foundation

/// The budget of one anneal (moves or seconds) and its temperature along the way, shared by both searches.
/// The budget is split into `cycles` anneals; each after the first starts a little cooler, from the best
/// plan so far. Checked every 256 moves, so the clock is read rarely.
struct AnnealSchedule {
  let options: SearchOptions
  let hottest: Double
  private let clock = ContinuousClock()
  private let began: ContinuousClock.Instant
  private(set) var cycle = 0
  private(set) var temperature: Double

  init(_ options: SearchOptions, firstCost: Double, startTemperature: Double) {
    self.options = options
    hottest = max(1, firstCost * (options.startTemperature ?? startTemperature))
    temperature = hottest
    began = clock.now
  }

  var elapsed: Double {
    let d = clock.now - began
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }

  enum Step { case stop, carryOn, restartFromBest }

  /// Before move `iteration`: stop when the budget is spent; otherwise cool, and say when a new cycle begins.
  mutating func step(_ iteration: Int) -> Step {
    if let limit = options.iterations, iteration >= limit { return .stop }
    guard iteration % 256 == 0 else { return .carryOn }
    if let shouldStop = options.shouldStop, shouldStop() { return .stop }
    if options.iterations == nil && elapsed >= options.seconds { return .stop }
    let fraction = options.iterations.map { Double(iteration) / Double($0) } ?? min(1, elapsed / options.seconds)
    let cycles = max(1, options.cycles)
    let now = min(cycles - 1, Int(fraction * Double(cycles)))
    let restart = now != cycle
    cycle = now
    let top = hottest * pow(0.3, Double(cycle))
    temperature = top * pow(hottest / options.coolingRatio / top, fraction * Double(cycles) - Double(cycle))
    return restart ? .restartFromBest : .carryOn
  }
}

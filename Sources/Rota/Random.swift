/// SplitMix64: small, fast and the same on every machine, so a seed always gives the same run.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

  public mutating func next() -> UInt64 {
    state = state &+ 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in 0..<bound without modulo bias worth worrying about at these sizes.
  public mutating func below(_ bound: Int) -> Int {
    Int(next() % UInt64(bound))
  }

  public mutating func unit() -> Double {
    Double(next() >> 11) / Double(1 << 53)
  }
}

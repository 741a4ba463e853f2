import Foundation
import Testing

@testable import Rota

@Suite("Instance readers")
struct ReaderTests {
  static let data = Fixtures.folder("mankowska2014")

  static func text(_ name: String) throws -> String {
    try String(contentsOfFile: "\(data)/\(name)", encoding: .utf8)
  }

  @Test func textAndJSONGiveTheSameProblem() throws {
    let text = try MankowskaReader.read(text: try Self.text("InstanzCPLEX_HCSRP_10_1.txt"), file: "A1")
    let json = try HHCRSPJSONReader.read(
      data: try Data(contentsOf: URL(fileURLWithPath: "\(Self.data)/json/InstanzCPLEX_HCSRP_10_1.json")),
      file: "A1.json")
    #expect(text.services.count == 13)
    #expect(text.syncs.count == 3)
    #expect(text.carers.count == 3)
    #expect(text.services.map(\.skill) == json.services.map(\.skill))
    #expect(text.services.map(\.duration) == json.services.map(\.duration))
    #expect(text.syncs.map { [$0.minGap, $0.maxGap] } == json.syncs.map { [$0.minGap, $0.maxGap] })
    #expect(text.services.allSatisfy { $0.duration == 14 })
  }

  @Test(arguments: [
    ("nbNodes\n", "section nbNodes"),
    ("nbNodes\n3\nnbVehi\n1\nnbServi\n1\nr\n0\n1\n0\nDS\n\na\n1\nx\n0 0 0\ny\n0 0 0\nd\n0 1 1\n1 0\np\n", "section d"),
    ("nbNodes\nthree\n", "line 2"),
    ("12\n", "line 1"),
  ])
  func malformedTextNamesWhereItIsWrong(text: String, location: String) {
    do {
      _ = try MankowskaReader.read(text: text, file: "bad.txt")
      Issue.record("expected an error")
    } catch let error as InstanceError {
      #expect(error.file == "bad.txt")
      #expect(error.location.hasPrefix(location), "\(error)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func aVisitNobodyMayDoIsRefused() throws {
    let original = try Self.text("InstanzCPLEX_HCSRP_10_1.txt")
    // Take every skill away from every carer.
    let broken = original.replacingOccurrences(
      of: "a\n1  1  1  0  0  0\n0  0  0  0  1  1\n0  0  0  1  1  1", with: "a\n0 0 0 0 0 0\n0 0 0 0 0 0\n0 0 0 0 0 0")
    #expect(broken != original)
    #expect(throws: InstanceError.self) { try MankowskaReader.read(text: broken, file: "x") }
  }

  /// Mutating a real file at random must give a problem or a clear error, never a crash.
  @Test func mutatedFilesNeverCrashTheReader() throws {
    let original = try Self.text("InstanzCPLEX_HCSRP_10_1.txt")
    var rng = SeededRandom(seed: 7)
    var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var errors = 0
    for _ in 0..<300 {
      var mutated = lines
      let i = rng.below(mutated.count)
      switch rng.below(4) {
      case 0: mutated.remove(at: i)
      case 1: mutated[i] = "-" + mutated[i]
      case 2: mutated[i] += " 7"
      default: mutated.insert("nbNodes", at: i)
      }
      do {
        let problem = try MankowskaReader.read(text: mutated.joined(separator: "\n"), file: "m")
        #expect(problem.services.allSatisfy { $0.duration >= 0 })
      } catch is InstanceError {
        errors += 1
      }
      lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(errors > 100)
  }
}

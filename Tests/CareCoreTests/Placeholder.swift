import Testing
@testable import CareCore
@Test func placeholder() {}

import Testing
@testable import Rota
@Test func placeholder() {}

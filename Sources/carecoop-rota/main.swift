import Rota
import ArgumentParser

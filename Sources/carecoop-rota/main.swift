import ArgumentParser
import Rota

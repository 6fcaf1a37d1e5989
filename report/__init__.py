from . import b2b_statement_report

from . import b2b_statement_report, order_statement

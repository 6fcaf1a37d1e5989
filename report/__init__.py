from . import b2b_statement_report
from . import order_statement

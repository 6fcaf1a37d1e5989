from . import test_b2b_access
from . import test_portal_http
from . import test_tour
from . import test_b2b_admin
from . import test_approval

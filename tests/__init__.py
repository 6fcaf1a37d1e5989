from . import test_access_matrix
from . import test_b2b_access
from . import test_portal_http
from . import test_routes
from . import test_tour
from . import test_rma
from . import test_rma_portal

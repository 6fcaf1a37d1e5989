from . import (
    b2b_admin,
    b2b_approval,
    documents,
    finance,
    main,
    onboarding,
    orders,
    portal,
    rma,
    support,
)

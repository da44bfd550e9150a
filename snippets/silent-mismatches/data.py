# 조용한 불일치 항목들이 함께 쓰는 입력 (NumPy만 씁니다).
# 두 프레임워크가 이 파일에서 똑같은 float32 배열을 받습니다.

# --8<-- [start:inputs]
import numpy as np

rng = np.random.default_rng(0)


def normal(*shape, scale=1.0):
    """평균 0, 표준편차 scale인 float32 배열."""
    return (scale * rng.normal(size=shape)).astype(np.float32)


# dense-transpose: 입력 4개 → 출력 4개 (정사각 kernel)
DENSE_X = normal(3, 4)

# default-init: 64 → 64 층의 기본 초깃값
INIT_FEATURES = 64
INIT_X = normal(256, INIT_FEATURES)

# flatten-order: NHWC 이미지 2장 (6×6, 채널 2)
IMAGES = normal(2, 6, 6, 2)

# same-padding: 짝수 크기(16×16) 이미지 한 장
PAD_IMAGE = normal(1, 16, 16, 2)

# gru-gates: 시퀀스 2개, 길이 5, 특징 3 → 은닉 4
SEQUENCES = normal(2, 5, 3)
GRU_UNITS = 4

# attention-mask: 문장 2개, 길이 4, 임베딩 4. 둘째 문장은 뒤 두 칸이 패딩
TOKENS = normal(2, 4, 4)
IS_TOKEN = np.array([[1, 1, 1, 1], [1, 1, 0, 0]], dtype=bool)  # True = 실제 토큰

# dropout-mode: 입력 4개인 샘플 3개
DROP_X = normal(3, 4)

# batchnorm: 평균 2, 표준편차 3인 특징 3개, 배치 16개씩 3번 + 평가용 4개
BN_STEPS, BN_BATCH = 3, 16
BN_BATCHES = (2.0 + normal(BN_STEPS, BN_BATCH, 3, scale=3.0)).astype(np.float32)
BN_TEST = (2.0 + normal(4, 3, scale=3.0)).astype(np.float32)

# mse-broadcast: 타깃은 (N,), 예측은 모델 출력처럼 (N, 1)
MSE_TARGET = normal(8)
MSE_PRED = (MSE_TARGET[:, None] + normal(8, 1, scale=0.1)).astype(np.float32)

# ce-probabilities: 클래스 3개의 로짓. 마지막 샘플은 아주 자신 있게 틀림
CE_LOGITS = np.array(
    [[2.0, 0.5, -1.0], [0.1, 0.2, 3.0], [1.0, 1.0, 1.0], [20.0, -20.0, 0.0]],
    dtype=np.float32,
)
CE_LABELS = np.array([0, 2, 1, 1])

# bce-clamp: 이진 분류 로짓 (N, 1). 첫 샘플은 로짓 40인데 정답이 0
BCE_LOGITS = np.array([[40.0], [-3.0], [0.5], [-2.0]], dtype=np.float32)
BCE_TARGET = np.array([[0.0], [0.0], [1.0], [1.0]], dtype=np.float32)

# adam-epsilon, weight-decay: 특징 4개의 선형 회귀, 같은 초깃값에서 전체 배치 학습
REG_X = normal(32, 4)
REG_Y = (REG_X @ np.array([[1.5], [-2.0], [0.5], [1.0]]) + 0.3).astype(np.float32)
REG_W0 = normal(4, 1, scale=0.5)  # Dense의 kernel 모양 (입력, 출력)
REG_B0 = np.zeros(1, dtype=np.float32)
OPT_STEPS = 20
OPT_LR = 0.01
EPSILON = 1e-3  # 양쪽에 똑같이 적는 ε
WEIGHT_DECAY = 0.1

# sparse-adam: 단어 5개 × 4차원 임베딩, 한 문장에 1번 단어가 두 번
EMB_START = normal(5, 4)
EMB_IDS = np.array([[1, 1, 2]])
EMB_UPSTREAM = normal(1, 3, 4)  # 손실 = sum(임베딩 출력 × 이 배열)

# zero-grad: 과제 두 개가 입력을 나눠 쓰고, 단계마다 번갈아 한 과제만 학습
HEAD_X = normal(16, 4)
HEAD_Y = normal(2, 16, 1)  # 과제마다 타깃
HEAD_W0 = normal(2, 4, 1, scale=0.5)  # 과제마다 출력층 kernel
HEAD_STEPS = 6
# --8<-- [end:inputs]

# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy와 scikit-learn만 씁니다).
# TensorFlow 쪽과 PyTorch 쪽은 이 파일에서 똑같은 배열과 똑같은 배치 순서를 받습니다.

# --8<-- [start:load]
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

# 위스콘신 유방암 진단 데이터: 세포 핵 측정값 30개와 진단 결과.
# 레이블 0 = 악성 종양(malignant), 1 = 양성 종양(benign, 암이 아님).
# scikit-learn 패키지 안에 들어 있어 내려받을 것이 없습니다.
features, labels = load_breast_cancer(return_X_y=True)  # (569, 30) float64, (569,)
CLASS_NAMES = ("악성", "양성 종양")  # 레이블 0, 1

# 고정된 평가용 분할: 20 %를 떼어 두되 두 클래스의 비율은 유지합니다(stratify)
x_train_raw, x_test_raw, y_train_raw, y_test_raw = train_test_split(
    features, labels, test_size=0.2, stratify=labels, random_state=0
)

# 표준화 통계는 학습 데이터에서만 구합니다
MEAN = x_train_raw.mean(axis=0)
STD = x_train_raw.std(axis=0)


def standardize(x):
    return ((x - MEAN) / STD).astype(np.float32)


X_TRAIN, X_TEST = standardize(x_train_raw), standardize(x_test_raw)  # float32
# 정답은 로짓과 같은 (N, 1) 모양의 float32로 둡니다 (BCEWithLogitsLoss의 요구)
Y_TRAIN = y_train_raw.astype(np.float32)[:, None]
Y_TEST = y_test_raw.astype(np.float32)[:, None]
N_TRAIN, N_FEATURES = X_TRAIN.shape  # 455, 30
# --8<-- [end:load]

# --8<-- [start:hparams]
SEED = 0
BATCH_SIZE = 32  # 455개 → 한 에포크에 32개짜리 14배치 + 마지막 7개짜리 1배치
STEPS_PER_EPOCH = -(-N_TRAIN // BATCH_SIZE)  # 올림 나눗셈: 15
EPOCHS = 10
LEARNING_RATE = 0.1  # 확률적 경사 하강법(SGD)
THRESHOLD = 0.0  # 로짓 0 ↔ 확률 0.5: 로짓이 이보다 크면 레이블 1로 판정
# --8<-- [end:hparams]

# --8<-- [start:orders]
# 에포크마다 새로 섞은 학습 순서: NumPy로 한 번 정해 두 프로그램이 똑같이 씁니다.
# TRAIN_ORDERS[e]는 e번째 에포크에 샘플을 넣을 순서, 모양 (EPOCHS, N_TRAIN)
rng = np.random.default_rng(SEED)
TRAIN_ORDERS = np.stack([rng.permutation(N_TRAIN) for _ in range(EPOCHS)])
# --8<-- [end:orders]

# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy와 scikit-learn만 씁니다).
# TensorFlow 쪽과 PyTorch 쪽은 이 파일에서 똑같은 배열을 받습니다.

# --8<-- [start:load]
import numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split

# 붓꽃 150송이의 꽃받침·꽃잎 길이와 너비(cm) 4개 → 품종 3가지.
# scikit-learn 패키지 안에 들어 있어 내려받을 것이 없습니다.
iris = load_iris()
CLASS_NAMES = ("setosa", "versicolor", "virginica")  # 레이블 0, 1, 2
# 원래 파일은 품종 순으로 정렬되어 있습니다. train_test_split이 섞은 뒤 나눕니다.
x_train_raw, x_test_raw, y_train_raw, y_test_raw = train_test_split(
    iris.data, iris.target, test_size=0.2, stratify=iris.target, random_state=0
)

# 표준화 통계는 학습 데이터에서만 구합니다
MEAN, STD = x_train_raw.mean(axis=0), x_train_raw.std(axis=0)
X_TRAIN = ((x_train_raw - MEAN) / STD).astype(np.float32)  # (120, 4)
X_TEST = ((x_test_raw - MEAN) / STD).astype(np.float32)  # (30, 4)
# 레이블은 클래스 번호(0, 1, 2) 하나씩: 원-핫이 아닌 (N,) 정수 배열
Y_TRAIN = y_train_raw.astype(np.int64)  # (120,)
Y_TEST = y_test_raw.astype(np.int64)  # (30,)
N_TRAIN, N_FEATURES = X_TRAIN.shape  # 120, 4
N_CLASSES = len(CLASS_NAMES)  # 3
# --8<-- [end:load]

# --8<-- [start:hparams]
SEED = 0
EPOCHS = 100  # 학습 데이터 전체가 배치 하나: 1 에포크 = 가중치 갱신 1번
LEARNING_RATE = 1.0  # SGD
# 학습률 실험: 너무 작은 값, 본문의 값, 너무 큰 값
LEARNING_RATES = (0.01, LEARNING_RATE, 100.0)
LABEL_SMOOTHING = 0.1  # one-hot 절과 연습 문제에서 씁니다
# --8<-- [end:hparams]
